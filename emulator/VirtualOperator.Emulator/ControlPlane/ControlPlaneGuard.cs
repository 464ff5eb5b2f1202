using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using VirtualOperator.Emulator.Hosting;

namespace VirtualOperator.Emulator.ControlPlane;

/// <summary>
/// Keeps web pages away from the control plane, which hands out every partner's secret and resets state. It covers
/// every path under <c>/_emulator</c> by prefix, so routes added later (the dashboard under <c>/_emulator/ui</c>
/// included) are guarded without a line of their own. In order:
/// <list type="number">
/// <item>the Host must be loopback or configured: a page that rebinds its own name to 127.0.0.1 sends its own name;</item>
/// <item>a cross-site <c>Origin</c> (or <c>Sec-Fetch-Site: cross-site</c>) is refused;</item>
/// <item>with a token configured, the call must carry it (<c>Authorization: Bearer</c>, <c>X-Emulator-Token</c>, or the
/// <c>vo_control_token</c> cookie a browser gets once from <c>?token=</c>); health alone is exempt, as probes carry no secrets;</item>
/// <item>a write must be <c>application/json</c> in UTF-8: a page can POST <c>text/plain</c> or a form cross-site without a
/// CORS preflight, never JSON.</item>
/// </list>
/// Refusals answer <c>{"error"}</c> with a 4xx and touch nothing.
/// </summary>
public static class ControlPlaneGuard
{
    public const string Prefix = "/_emulator";
    public const string TokenCookie = "vo_control_token";
    public const string TokenHeader = "X-Emulator-Token";

    /// <summary>Call first, before anything that could act on a control-plane request.</summary>
    public static IApplicationBuilder UseControlPlaneGuard(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<EmulatorOptions>>().Value;
        var token = string.IsNullOrEmpty(options.ControlToken) ? null : Encoding.UTF8.GetBytes(options.ControlToken);
        var allowed = (options.ControlPlane.AllowedHosts ?? "")
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return app.Use((http, next) =>
        {
            if (!http.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase)) return next(http);
            var refusal = HostRefusal(http.Request, allowed) ?? OriginRefusal(http.Request)
                          ?? TokenRefusal(http, token) ?? ContentRefusal(http.Request);
            return refusal is var (status, error) ? Refuse(http, status, error) : next(http);
        });
    }

    private static (int, string)? HostRefusal(HttpRequest request, string[] allowed)
    {
        var host = request.Host.HasValue ? request.Host.Host : "";
        if (IsLoopback(host) || allowed.Any(a => a == "*" || string.Equals(a, host, StringComparison.OrdinalIgnoreCase))) return null;
        return (403, $"The control plane answers only on a loopback Host (127.0.0.1, localhost, [::1]) or one listed in " +
                     $"Emulator__ControlPlane__AllowedHosts; this request's Host is '{request.Host.Value}'.");
    }

    /// <summary>localhost, 127.0.0.0/8 and ::1 (also as an IPv4-mapped address).</summary>
    public static bool IsLoopback(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (!IPAddress.TryParse(bare, out var ip)) return false;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        return IPAddress.IsLoopback(ip);
    }

    private static (int, string)? OriginRefusal(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
            return (403, "Cross-site requests to the control plane are refused (Sec-Fetch-Site: cross-site).");
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return null;
        // Same origin means the page was served by this emulator (its dashboard): same scheme, host and port.
        if (Uri.TryCreate(origin, UriKind.Absolute, out var o)
            && Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var self)
            && string.Equals(o.Scheme, self.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(o.Authority, self.Authority, StringComparison.OrdinalIgnoreCase))
            return null;
        return (403, $"Cross-site requests to the control plane are refused: Origin '{origin}' is not this emulator ({request.Scheme}://{request.Host.Value}).");
    }

    private static (int, string)? TokenRefusal(HttpContext http, byte[]? token)
    {
        if (token is null) return null;
        var request = http.Request;
        // Probes (Docker HEALTHCHECK, orchestrators) carry no secret; health tells only the version and the virtual time.
        if (HttpMethods.IsGet(request.Method) && request.Path.Equals(Prefix + "/health", StringComparison.OrdinalIgnoreCase)) return null;

        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && Matches(auth["Bearer ".Length..].Trim(), token)) return null;
        if (request.Headers.TryGetValue(TokenHeader, out var header) && Matches(header.ToString(), token)) return null;
        if (request.Cookies.TryGetValue(TokenCookie, out var cookie) && Matches(cookie, token)) return null;
        if (request.Query.TryGetValue("token", out var query) && Matches(query.ToString(), token))
        {
            // The dashboard is opened once with ?token=…; the browser keeps it, unreadable by scripts and never sent cross-site.
            http.Response.Cookies.Append(TokenCookie, query.ToString(), new CookieOptions
            {
                HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict, Path = Prefix, Secure = request.IsHttps, IsEssential = true,
            });
            return null;
        }
        var presented = auth.Length > 0 || header.Count > 0 || cookie is not null || query.Count > 0;
        return (401, presented
            ? "The control-plane token is wrong."
            : "This emulator's control plane needs its token: send 'Authorization: Bearer <token>' or 'X-Emulator-Token: <token>' " +
              "(a browser: open the page once with ?token=<token>).");
    }

    private static bool Matches(string presented, byte[] token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), token);

    private static (int, string)? ContentRefusal(HttpRequest request)
    {
        var method = request.Method;
        var write = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method)
                    // A DELETE always needs a CORS preflight; only its body, if any, must be JSON.
                    || (HttpMethods.IsDelete(method) && (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0));
        if (!write) return null;
        var contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            return (415, $"Control-plane writes take 'Content-Type: application/json' (this request sent {(string.IsNullOrEmpty(contentType) ? "none" : $"'{contentType}'")}).");
        var charset = media.Charset.ToString().Trim('"');
        if (charset.Length > 0 && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return (415, $"Control-plane writes take JSON in UTF-8 (this request says charset '{charset}').");
        return null;
    }

    private static Task Refuse(HttpContext http, int status, string error)
    {
        http.Response.StatusCode = status;
        if (status == 401) http.Response.Headers.WWWAuthenticate = "Bearer";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsJsonAsync(new { error });
    }
}
