using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.ControlPlane;

/// <summary>Bad input to the control plane answers 4xx JSON <c>{"error"}</c>: never a 500, an empty body or an exception page.</summary>
public sealed class ControlPlaneBadInputTests
{
    public static TheoryData<string, string, string?> BadCalls() => new()
    {
        { "POST", "clock/advance", "{\"seconds\":1e300}" },
        { "POST", "clock/advance", "{\"seconds\":1e12}" },
        { "POST", "clock/advance", "{\"seconds\":-1}" },
        { "POST", "clock/advance", "{\"seconds\":\"abc\"}" },
        { "POST", "clock/advance", "not json" },
        { "POST", "clock/advance", null },
        { "POST", "clock/set", "{\"now\":\"9999-12-31T23:59:59Z\"}" },
        { "POST", "clock/set", "{\"now\":\"garbage\"}" },
        { "POST", "faults", "{\"httpStatus\":\"x\"}" },
        { "GET", "requests?limit=abc", null },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task GlobalAndPerPartnerRoutes_AnswerJsonErrors_AndTimeStaysUsable(string method, string path, string? body)
    {
        using var app = new EmulatorApplication();
        var partner = await app.CreatePartnerAsync();
        foreach (var prefix in new[] { "/_emulator/", $"/_emulator/partners/{partner.Uid}/" })
        {
            var req = new HttpRequestMessage(new HttpMethod(method), prefix + path);
            if (body is not null) req.Content = new StringContent(body, Encoding.UTF8, "application/json");
            var r = await app.CreateClient().SendAsync(req);
            var text = await r.Content.ReadAsStringAsync();
            ((int)r.StatusCode).Should().BeInRange(400, 499, $"{method} {prefix}{path}: {text}");
            r.Content.Headers.ContentType!.MediaType.Should().Be("application/json", text);
            JsonNode.Parse(text)!["error"]!.ToString().Should().NotBeEmpty();
        }
        // Nothing moved: a new test account (whose expiry is a month on) can still be created.
        (await app.CreatePartnerAsync()).Uid.Should().NotBeEmpty();
    }

    [Fact]
    public async Task OutsideDevelopment_BindingFailure_StillAnswersJsonNotAnEmptyBody()
    {
        using var root = new EmulatorApplication();
        using var app = root.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var r = await app.CreateClient().PostAsync("/_emulator/clock/advance", new StringContent("not json", Encoding.UTF8, "application/json"));
        r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await r.Content.ReadAsStringAsync())!["error"]!.ToString().Should().Contain("AdvanceBody");
    }

    [Fact]
    public async Task PartnerBodyOfTheWrongShape_JsonError()
    {
        using var app = new EmulatorApplication();
        var r = await app.CreateClient().PostAsync("/_emulator/partners", new StringContent("{\"testAccount\":\"yes\"}", Encoding.UTF8, "application/json"));
        r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await r.Content.ReadAsStringAsync())!["error"]!.ToString().Should().Contain("CreatePartnerBody");
    }
}
