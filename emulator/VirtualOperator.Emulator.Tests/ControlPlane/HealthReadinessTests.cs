using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.ControlPlane;

/// <summary>
/// Health is answered ahead of routing once the start-up work (default partner, catalog, handlers) is done on its
/// pool thread: "healthy" must still mean "ready", and the answer must be the mapped route's.
/// </summary>
public sealed class HealthReadinessTests
{
    [Fact]
    public async Task FirstHealthyAnswer_MeansTheDefaultPartnerCanCallAndTheCatalogIsLoaded()
    {
        using var app = new EmulatorApplication();
        var http = app.CreateClient();

        var health = await http.GetAsync("/_emulator/health");
        health.StatusCode.Should().Be(HttpStatusCode.OK);

        // The very next call, signed by the seeded default partner, is answered by its handler.
        var call = await new SignedClient(app.CreateClient(), EmulatorApplication.DefaultAccessKeyId, EmulatorApplication.DefaultSecret)
            .V3("GetCustomerList", "2017-12-14");
        call.Status.Should().Be(HttpStatusCode.OK);

        var catalog = (await http.GetFromJsonAsync<JsonArray>("/_emulator/catalog"))!;
        catalog.Should().Contain(a => a!["action"]!.ToString() == "GetCustomerList" && (bool)a["implemented"]!);
    }

    [Fact]
    public async Task HealthAheadOfRouting_AnswersLikeTheMappedRoute()
    {
        using var app = new EmulatorApplication();
        var http = app.CreateClient();

        var fast = await http.GetAsync("/_emulator/health");
        var routed = await http.GetAsync("/_emulator/health/"); // the trailing slash goes through routing
        foreach (var r in new[] { fast, routed })
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            r.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");
        }
        var a = (await fast.Content.ReadFromJsonAsync<JsonObject>())!;
        var b = (await routed.Content.ReadFromJsonAsync<JsonObject>())!;
        a.Select(p => p.Key).Should().Equal(b.Select(p => p.Key)).And.Equal("status", "version", "now");
        a["status"]!.ToString().Should().Be("ok");
        a["version"]!.ToString().Should().Be(b["version"]!.ToString());

        (await http.PostAsync("/_emulator/health", System.Net.Http.Json.JsonContent.Create(new { }))).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }
}
