using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.ControlPlane;

/// <summary>
/// The control plane hands out every partner's secret and resets state: a web page must not reach it (DNS rebinding,
/// a cross-site text/plain POST), and a token, when set, must be presented. Every path under /_emulator is covered.
/// </summary>
public sealed class ControlPlaneGuardTests
{
    private const string Token = "guard-test-token-1";

    [Theory]
    [InlineData("GET", "/_emulator/partners")]
    [InlineData("GET", "/_emulator/partners/1688000000000001")]
    [InlineData("GET", "/_emulator/health")]
    [InlineData("GET", "/_emulator/ui")]
    [InlineData("POST", "/_emulator/reset")]
    public async Task ForgedHost_IsRefused_WithoutAnswering(string method, string path)
    {
        using var app = new EmulatorApplication();
        var req = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null };
        req.Headers.Host = "rebound.attacker.example:4590";
        var r = await app.CreateClient().SendAsync(req);
        var text = await r.Content.ReadAsStringAsync();
        r.StatusCode.Should().Be(HttpStatusCode.Forbidden, text);
        JsonNode.Parse(text)!["error"]!.ToString().Should().Contain("Host");
        text.Should().NotContain(EmulatorApplication.DefaultSecret);
    }

    [Theory]
    [InlineData("127.0.0.1:4590")]
    [InlineData("127.0.0.2")]
    [InlineData("[::1]:4590")]
    [InlineData("LOCALHOST")]
    public async Task LoopbackHosts_AreAnswered(string host)
    {
        using var app = new EmulatorApplication();
        var req = new HttpRequestMessage(HttpMethod.Get, "/_emulator/partners");
        req.Headers.Host = host;
        (await app.CreateClient().SendAsync(req)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ConfiguredHost_IsAnswered_OthersStillRefused()
    {
        using var app = new EmulatorApplication(settings: new Dictionary<string, string?> { ["Emulator:ControlPlane:AllowedHosts"] = "emulator, ci-box" });
        foreach (var (host, status) in new[] { ("emulator:4590", HttpStatusCode.OK), ("CI-BOX", HttpStatusCode.OK), ("elsewhere", HttpStatusCode.Forbidden) })
        {
            var req = new HttpRequestMessage(HttpMethod.Get, "/_emulator/partners");
            req.Headers.Host = host;
            (await app.CreateClient().SendAsync(req)).StatusCode.Should().Be(status, host);
        }
    }

    [Theory]
    [InlineData("text/plain", "{}")]
    [InlineData("application/x-www-form-urlencoded", "a=b")]
    [InlineData("multipart/form-data; boundary=x", "--x--")]
    [InlineData(null, null)]
    public async Task NonJsonWrite_IsRefusedWithJsonError_AndNothingIsReset(string? contentType, string? body)
    {
        using var app = new EmulatorApplication();
        var http = app.CreateClient();
        (await http.PostAsJsonAsync("/_emulator/clock/advance", new { seconds = 3600 })).EnsureSuccessStatusCode();

        var req = new HttpRequestMessage(HttpMethod.Post, "/_emulator/reset");
        if (body is not null)
        {
            req.Content = new StringContent(body);
            req.Content.Headers.Remove("Content-Type");
            req.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        var r = await http.SendAsync(req);
        var text = await r.Content.ReadAsStringAsync();

        r.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType, text);
        JsonNode.Parse(text)!["error"]!.ToString().Should().Contain("application/json");
        (await http.GetFromJsonAsync<JsonObject>("/_emulator/clock"))!["offsetSeconds"]!.GetValue<long>().Should().Be(3600);
    }

    [Fact]
    public async Task DeleteWithoutBody_NeedsNoContentType()
    {
        using var app = new EmulatorApplication();
        (await app.CreateClient().DeleteAsync("/_emulator/faults")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("Origin", "http://attacker.example")]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "http://localhost:9999")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task CrossSiteRequest_IsRefused_EvenAsJson(string header, string value)
    {
        using var app = new EmulatorApplication();
        var http = app.CreateClient();
        var req = new HttpRequestMessage(HttpMethod.Post, "/_emulator/clock/advance") { Content = JsonContent.Create(new { seconds = 60 }) };
        req.Headers.Add(header, value);
        var r = await http.SendAsync(req);
        r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        JsonNode.Parse(await r.Content.ReadAsStringAsync())!["error"]!.ToString().Should().Contain("Cross-site");
        (await http.GetFromJsonAsync<JsonObject>("/_emulator/clock"))!["offsetSeconds"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task SameOrigin_IsAnswered()
    {
        using var app = new EmulatorApplication();
        var req = new HttpRequestMessage(HttpMethod.Post, "/_emulator/clock/advance") { Content = JsonContent.Create(new { seconds = 60 }) };
        req.Headers.Add("Origin", "http://localhost"); // the test server's Host
        req.Headers.Add("Sec-Fetch-Site", "same-origin");
        (await app.CreateClient().SendAsync(req)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WithAToken_EveryCallMustCarryIt_HealthExcepted()
    {
        using var app = new EmulatorApplication(settings: new Dictionary<string, string?> { ["Emulator:ControlToken"] = Token });
        var http = app.CreateClient();

        var none = await http.GetAsync("/_emulator/partners");
        none.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        JsonNode.Parse(await none.Content.ReadAsStringAsync())!["error"]!.ToString().Should().Contain("Authorization: Bearer");
        (await http.GetAsync("/_emulator/no-such-route")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Send(http, HttpMethod.Get, "/_emulator/partners", ("Authorization", "Bearer wrong"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Send(http, HttpMethod.Post, "/_emulator/reset")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await Send(http, HttpMethod.Get, "/_emulator/partners", ("Authorization", $"Bearer {Token}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, "/_emulator/partners", ("X-Emulator-Token", Token))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Post, "/_emulator/reset", ("X-Emulator-Token", Token))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.GetAsync("/_emulator/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TokenInTheQuery_SetsAStrictHttpOnlyCookie_ThatThenSuffices()
    {
        using var app = new EmulatorApplication(settings: new Dictionary<string, string?> { ["Emulator:ControlToken"] = Token });
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

        var first = await http.GetAsync($"/_emulator/partners?token={Token}");
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("vo_control_token=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=strict");

        (await Send(http, HttpMethod.Get, "/_emulator/partners", ("Cookie", cookie.Split(';')[0]))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, "/_emulator/partners", ("Cookie", "vo_control_token=wrong"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await http.GetAsync("/_emulator/partners?token=wrong")).Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task UnknownControlPlaneRoute_AnswersAJsonError_NotAnEmptyBody()
    {
        using var app = new EmulatorApplication();
        var r = await app.CreateClient().GetAsync("/_emulator/no-such-route");
        r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        JsonNode.Parse(await r.Content.ReadAsStringAsync())!["error"]!.ToString().Should().Contain("/_emulator/no-such-route");
    }

    /// <summary>Every POST route under /_emulator (those products add included), found from the route table.</summary>
    [Fact]
    public async Task JsonInAnUnknownCharset_OnEveryControlPlanePost_Answers415_AndChangesNothing()
    {
        using var app = new EmulatorApplication();
        var http = app.CreateClient();
        var partner = await app.CreatePartnerAsync();
        (await http.PostAsJsonAsync($"/_emulator/partners/{partner.Uid}/clock/advance", new { seconds = 600 })).EnsureSuccessStatusCode();
        var before = await State(http, partner.Uid);

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/_emulator", StringComparison.Ordinal)
                        && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => e.RoutePattern.RawText!).Distinct().ToList();
        routes.Should().HaveCountGreaterThan(10);

        var problems = new List<string>();
        foreach (var pattern in routes)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)[^}]*\}", m => m.Groups[1].Value == "uid" ? partner.Uid : "x1");
            var content = new StringContent("{\"seconds\":60,\"now\":\"2030-01-01T00:00:00Z\",\"code\":\"Throttling\",\"httpStatus\":400}", Encoding.UTF8);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=utf-7");
            var r = await http.PostAsync(path, content);
            var text = await r.Content.ReadAsStringAsync();
            if ((int)r.StatusCode != 415 || JsonNode.Parse(text)?["error"] is null) problems.Add($"POST {path}: {(int)r.StatusCode} {text}");
        }
        problems.Should().BeEmpty(string.Join("\n", problems));
        (await State(http, partner.Uid)).Should().Be(before);
    }

    private static async Task<string> State(HttpClient http, string uid) =>
        $"{(await http.GetFromJsonAsync<JsonObject>("/_emulator/clock"))!["offsetSeconds"]} " +
        $"{(await http.GetFromJsonAsync<JsonObject>($"/_emulator/partners/{uid}/clock"))!["offsetSeconds"]} " +
        $"{(await http.GetFromJsonAsync<JsonArray>("/_emulator/partners"))!.Count} " +
        $"{(await http.GetFromJsonAsync<JsonArray>("/_emulator/faults"))!.Count}";

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        var req = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post) req.Content = JsonContent.Create(new { });
        foreach (var (name, value) in headers) req.Headers.TryAddWithoutValidation(name, value);
        return http.SendAsync(req);
    }
}
