using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Protocol.Errors;
using VirtualOperator.Emulator.Protocol.Pipeline;
using VirtualOperator.Emulator.Protocol.Responses;
using VirtualOperator.Emulator.Protocol.Signing;

namespace VirtualOperator.Emulator.Products.Federation;

/// <summary>
/// <c>/federation</c>, answered as signin.aliyun.com / signin4service.aliyun.com would: GetSigninToken (JSON, unsigned:
/// the STS credentials travel as parameters) and Login (a browser redirect that opens a console session).
/// </summary>
public sealed class FederationEndpoint(
    SignatureVerifier credentials, FederationStore store, VirtualClock clock, DueWorkRunner dueWork,
    RequestJournal journal, WallClock wall, IOptions<FederationOptions> options, ILogger<FederationEndpoint> log)
{
    public const string SessionCookie = "vo_console_session";
    private const string HostId = "signin.aliyun.com";
    private readonly FederationOptions _o = options.Value;

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Emulator.Protocol.Responses.RequestIds.New();
        var p = await ReadParameters(http.Request);
        var trace = new Trace { Action = p.GetValueOrDefault("Action"), AccessKeyId = p.GetValueOrDefault("AccessKeyId") };
        try
        {
            if (http.Request.Method is not ("GET" or "POST")) throw CommonErrors.UnsupportedHttpMethod();
            switch (trace.Action)
            {
                case "GetSigninToken":
                    await ResponseWriter.WriteAsync(http.Response, 200, ResponseFormat.Json, "GetSigninTokenResponse",
                        new { RequestId = requestId, SigninToken = GetSigninToken(p, trace) }, requestId);
                    Journal(requestId, trace, 200, "200");
                    break;
                case "Login":
                    Journal(requestId, trace, 302, Login(http, p, requestId, trace));
                    break;
                case null or "":
                    throw CommonErrors.MissingParameter("Action");
                default:
                    throw CommonErrors.InvalidActionNotFound();
            }
        }
        catch (ApiException e)
        {
            if (http.Response.HasStarted) return;
            var body = ResponseWriter.ErrorBody(requestId, HostId, e.Code, e.Message, "Federation");
            await ResponseWriter.WriteAsync(http.Response, e.HttpStatus, ResponseFormat.Json, "Error", body, requestId);
            Journal(requestId, trace, e.HttpStatus, e.Code);
        }
    }

    /// <summary>Who a sign-in call turned out to concern, learnt while it is handled, for the request journal.</summary>
    private sealed class Trace
    {
        public string? Action { get; init; }
        public string? AccessKeyId { get; set; }
        public string? Partner { get; set; }
    }

    /// <summary>Sign-in calls appear in <c>/_emulator/…/requests</c> as product "Federation", like any RPC call.</summary>
    private void Journal(string requestId, Trace trace, int status, string code) =>
        journal.Add(new JournalEntry(trace.Partner is null ? clock.GetUtcNow() : clock.NowFor(trace.Partner), wall.UtcNow,
            trace.Partner, trace.AccessKeyId, "Federation", trace.Action, status, code, requestId));

    private string GetSigninToken(IReadOnlyDictionary<string, string> p, Trace trace)
    {
        var accessKeyId = Required(p, "AccessKeyId");
        var secret = Required(p, "AccessKeySecret");
        var token = Required(p, "SecurityToken");
        var ticketType = Required(p, "TicketType");
        if (ticketType is not ("mini" or "normal")) throw FederationErrors.InvalidTicketType(ticketType);

        var c = credentials.Resolve(accessKeyId) ?? throw CommonErrors.InvalidAccessKeyIdNotFound();
        trace.Partner = c.Partner.Uid;
        if (!c.IsSts || c.CustomerUid is null) throw FederationErrors.NotStsCredentials();
        if (!Same(secret, c.Secret)) throw FederationErrors.SecretMismatch();
        if (!Same(token, c.SecurityToken!)) throw CommonErrors.InvalidSecurityTokenMismatch();
        dueWork.RunFor(c.Partner.Uid);
        var now = clock.NowFor(c.Partner.Uid);
        if (c.ExpiresAt is { } exp && now >= exp) throw CommonErrors.InvalidSecurityTokenExpired();
        if (c.Partner.IsExpiredAt(now)) throw CommonErrors.TestAccountExpired(c.Partner.Uid, c.Partner.ExpiresAt!.Value);

        var expiresAt = now.AddSeconds(_o.SigninTokenSeconds);
        if (c.ExpiresAt is { } stsExp && stsExp < expiresAt) expiresAt = stsExp;
        return store.IssueToken(c.Partner.Uid, c.CustomerUid, c.AccessKeyId, ticketType, now, expiresAt).Id;
    }

    /// <summary>
    /// A good token opens a session (cookie on this origin) and redirects to Destination. [I] A bad, used or expired
    /// token sends the browser to LoginUrl (ERRORS.md: unknown), with the reason in <c>X-Emulator-Signin-Error</c>.
    /// </summary>
    /// <returns>The journal code: "302" for a session opened, else the reason the token was refused.</returns>
    private string Login(HttpContext http, IReadOnlyDictionary<string, string> p, string requestId, Trace trace)
    {
        var loginUrl = AbsoluteUrl(Required(p, "LoginUrl"), "LoginUrl");
        var destination = AbsoluteUrl(Required(p, "Destination"), "Destination");
        var tokenValue = Required(p, "SigninToken");

        var (result, token) = store.RedeemToken(tokenValue, t =>
        {
            dueWork.RunFor(t.PartnerUid);
            return clock.NowFor(t.PartnerUid);
        });
        http.Response.Headers["x-acs-request-id"] = requestId;
        trace.Partner = token?.PartnerUid;
        trace.AccessKeyId = token?.StsAccessKeyId;
        if (result != FederationStore.Redeem.Ok)
        {
            log.LogInformation("Login refused: SigninToken {Result}", result);
            http.Response.Headers["X-Emulator-Signin-Error"] = "SigninToken." + result;
            http.Response.Redirect(loginUrl.ToString());
            return "SigninToken." + result;
        }
        var session = store.OpenSession(token!, loginUrl.ToString(), clock.NowFor(token!.PartnerUid), TimeSpan.FromMinutes(_o.ConsoleSessionMinutes));
        http.Response.Cookies.Append(SessionCookie, session.Id, new CookieOptions
        {
            // Same-site across loopback ports (site ignores the port), so a partner page on 127.0.0.1:<other port> can frame it.
            HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/", IsEssential = true,
        });
        http.Response.Redirect(ConsoleDestinations.Map(destination, http.Request).ToString());
        return "302";
    }

    private static string Required(IReadOnlyDictionary<string, string> p, string name) =>
        p.TryGetValue(name, out var v) && v.Length > 0 ? v : throw CommonErrors.MissingParameter(name);

    private static Uri AbsoluteUrl(string value, string name) =>
        Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : throw FederationErrors.InvalidUrl(name);

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>Query string, and for POST a form body too (the doc asks for x-www-form-urlencoded values).</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ReadParameters(HttpRequest request)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in request.Query) p[k] = v.ToString();
        // A body that is not a readable form adds nothing: the call then lacks what it needs and answers that error.
        if ((await Protocol.Pipeline.FormBody.ReadAsync(request)).Form is { } form)
            foreach (var (k, v) in form) p[k] = v.ToString();
        return p;
    }
}

/// <summary>
/// Where Login sends the browser: the emulator's own console pages. A Destination on this emulator is kept as it is;
/// one on a real console host is mapped to the matching emulated page (DESIGN.md), keeping its path's intent:
/// ICP filing (beian) to the wizard, buy pages to BUY, anything else to the console home.
/// </summary>
public static class ConsoleDestinations
{
    public static Uri Map(Uri destination, HttpRequest request)
    {
        var self = new Uri($"{request.Scheme}://{request.Host}");
        if (destination.IsLoopback || string.Equals(destination.Authority, self.Authority, StringComparison.OrdinalIgnoreCase))
            return destination;
        var host = destination.Host.ToLowerInvariant();
        var page = host.Contains("beian", StringComparison.Ordinal) ? "/console/icp"
            : host.Contains("buy", StringComparison.Ordinal) || destination.AbsolutePath.Contains("buy", StringComparison.OrdinalIgnoreCase) ? "/console/buy"
            : "/console/home";
        return new Uri(self, page);
    }
}
