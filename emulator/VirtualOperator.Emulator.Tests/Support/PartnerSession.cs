using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VirtualOperator.Emulator.Tests.Support;

/// <summary>
/// A fresh partner and the onboarding calls it makes over the wire: create customers, assume their role,
/// sign in to the console, move its own virtual clock. Every call is a real signed HTTP request.
/// </summary>
public sealed class PartnerSession(EmulatorApplication app, PartnerKeys keys)
{
    public const string Bss = "2017-12-14";
    public const string Sts = "2015-04-01";

    public PartnerKeys Keys => keys;
    public string Uid => keys.Uid;
    public SignedClient Signed => app.Signed(keys.AccessKeyId, keys.Secret);
    public HttpClient Control { get; } = app.CreateClient();

    /// <summary>A browser without cookies and without following redirects, to see every hop.</summary>
    public HttpClient Browser { get; } = app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = false,
        // On Kestrel (the browser test) the default client knows the real address; the in-memory server ignores it.
        BaseAddress = app.CreateClient().BaseAddress ?? new Uri("http://localhost"),
    });

    public static async Task<PartnerSession> StartAsync(EmulatorApplication app, bool testAccount = true) =>
        new(app, await app.CreatePartnerAsync(testAccount));

    public Task<ApiResult> CreateAgAccount(string email, IDictionary<string, string>? more = null)
    {
        var q = new Dictionary<string, string> { ["LoginEmail"] = email };
        foreach (var (k, v) in more ?? new Dictionary<string, string>()) q[k] = v;
        return Signed.V3("CreateAgAccount", Bss, q);
    }

    public async Task<string> CreateCustomerAsync(string? email = null)
    {
        var r = await CreateAgAccount(email ?? $"c{Guid.NewGuid():N}@example.com");
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        return r.Json["AgRelationDto"]!["Pk"]!.ToString();
    }

    public Task<ApiResult> AssumeRole(string roleArn, string session = "partner-portal", long? duration = null, string? policy = null)
    {
        var q = new Dictionary<string, string> { ["RoleArn"] = roleArn, ["RoleSessionName"] = session };
        if (duration is { } d) q["DurationSeconds"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (policy is not null) q["Policy"] = policy;
        return Signed.V3("AssumeRole", Sts, q, host: "sts.aliyuncs.com");
    }

    public async Task<StsKeys> AssumeCustomerRoleAsync(string customerUid, long? duration = null)
    {
        var r = await AssumeRole($"acs:ram::{customerUid}:role/ResellerAdminRole", duration: duration);
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        var c = r.Json["Credentials"]!;
        return new StsKeys(c["AccessKeyId"]!.ToString(), c["AccessKeySecret"]!.ToString(), c["SecurityToken"]!.ToString(), c["Expiration"]!.ToString());
    }

    public SignedClient SignedAs(StsKeys sts) => app.Signed(sts.AccessKeyId, sts.Secret, sts.SecurityToken);

    public Task<HttpResponseMessage> GetSigninToken(StsKeys sts, string ticketType = "mini") =>
        Browser.GetAsync("/federation?Action=GetSigninToken" +
            $"&AccessKeyId={Uri.EscapeDataString(sts.AccessKeyId)}&AccessKeySecret={Uri.EscapeDataString(sts.Secret)}" +
            $"&SecurityToken={Uri.EscapeDataString(sts.SecurityToken)}&TicketType={ticketType}");

    public async Task<string> SigninTokenAsync(StsKeys sts)
    {
        var r = await GetSigninToken(sts);
        var text = await r.Content.ReadAsStringAsync();
        r.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["SigninToken"]!.ToString();
    }

    public Task<HttpResponseMessage> Login(string token, string destination = "http://localhost/console/icp", string loginUrl = "http://127.0.0.1:9/partner/login") =>
        Browser.GetAsync("/federation?Action=Login" +
            $"&LoginUrl={Uri.EscapeDataString(loginUrl)}&Destination={Uri.EscapeDataString(destination)}&SigninToken={Uri.EscapeDataString(token)}");

    /// <summary>The full logon-free flow for a customer; answers the console session cookie ("name=value").</summary>
    public async Task<string> LogonFreeAsync(string customerUid, string destination = "http://localhost/console/icp")
    {
        var sts = await AssumeCustomerRoleAsync(customerUid);
        var login = await Login(await SigninTokenAsync(sts), destination);
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("vo_console_session=", StringComparison.Ordinal));
        return cookie.Split(';')[0];
    }

    public async Task<(HttpStatusCode Status, string Html, Uri? Location)> Page(string cookie, string path, IDictionary<string, string>? form = null)
    {
        var req = new HttpRequestMessage(form is null ? HttpMethod.Get : HttpMethod.Post, path);
        req.Headers.Add("Cookie", cookie);
        if (form is not null) req.Content = new FormUrlEncodedContent(form);
        var r = await Browser.SendAsync(req);
        return (r.StatusCode, await r.Content.ReadAsStringAsync(), r.Headers.Location);
    }

    public async Task AdvanceClockAsync(TimeSpan by)
    {
        var r = await Control.PostAsJsonAsync($"/_emulator/partners/{Uid}/clock/advance", new { seconds = by.TotalSeconds });
        r.EnsureSuccessStatusCode();
    }

    public async Task<JsonNode> ControlGet(string path) => JsonNode.Parse(await Control.GetStringAsync(path))!;

    public async Task<HttpResponseMessage> ControlPost(string path, object? body = null) =>
        await Control.PostAsJsonAsync(path, body ?? new { });
}

public sealed record StsKeys(string AccessKeyId, string Secret, string SecurityToken, string Expiration);
