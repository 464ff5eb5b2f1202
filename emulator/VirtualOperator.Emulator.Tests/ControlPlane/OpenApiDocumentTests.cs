using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.ControlPlane;

/// <summary>
/// <c>/_emulator/openapi.json</c> against the routes the emulator really maps: every <c>/_emulator</c> route and method
/// is in the document, a route that takes a body has its request schema, and its success answer has a response schema.
/// Read from the endpoint data source, so routes other products add are checked without a line here.
/// </summary>
public sealed class OpenApiDocumentTests(EmulatorFixture f) : IClassFixture<EmulatorFixture>
{
    /// <summary>
    /// Routes that still answer an untyped IResult, so the document cannot say what they answer. Convert each to
    /// TypedResults (the cross-helper agreement) and remove it here; the test fails while a listed route is typed already.
    /// </summary>
    private static readonly HashSet<string> UntypedResponses = [];

    private sealed record Route(string Method, string Pattern, bool TakesBody)
    {
        public override string ToString() => $"{Method} {Pattern}";
    }

    private List<Route> ControlPlaneRoutes()
    {
        _ = f.App.CreateClient(); // builds the host
        return f.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/_emulator", StringComparison.Ordinal))
            // The document and the reference page themselves are left out of the document on purpose.
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => new Route(
                m, "/" + e.RoutePattern.RawText!.Trim('/'),
                e.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 })))
            .ToList();
    }

    private async Task<JsonObject> Document()
    {
        var r = await f.App.CreateClient().GetAsync("/_emulator/openapi.json");
        r.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task EveryControlPlaneRoute_IsInTheDocument_WithItsRequestAndResponseSchema()
    {
        var routes = ControlPlaneRoutes();
        routes.Should().Contain(r => r.Pattern == "/_emulator/bundles").And.Contain(r => r.Pattern == "/_emulator/clock/advance");
        var doc = await Document();
        var problems = new List<string>();
        foreach (var route in routes)
        {
            var op = doc["paths"]?[route.Pattern]?[route.Method.ToLowerInvariant()];
            if (op is null) { problems.Add($"{route}: not in the document"); continue; }
            if (route.TakesBody && op["requestBody"]?["content"]?["application/json"]?["schema"] is null)
                problems.Add($"{route}: no request schema");
            var success = op["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')).ToList();
            var described = success.Any(r => r.Key == "204" || r.Value?["content"]?["application/json"]?["schema"] is not null);
            if (!described && !UntypedResponses.Contains(route.ToString())) problems.Add($"{route}: no response schema");
            if (described && UntypedResponses.Contains(route.ToString())) problems.Add($"{route}: typed now, take it off UntypedResponses");
        }
        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task TheDocument_NamesOnlyControlPlaneRoutes()
    {
        var paths = (await Document())["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.Should().NotBeEmpty().And.OnlyContain(p => p.StartsWith("/_emulator/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheReferencePage_ServesItsScriptFromTheEmulator()
    {
        var client = f.App.CreateClient();
        var page = await client.GetStringAsync("/_emulator/docs/");
        page.Should().Contain("<script src=\"scalar.js\"></script>").And.NotContain("https://");
        var script = await client.GetAsync("/_emulator/docs/scalar.js");
        script.StatusCode.Should().Be(HttpStatusCode.OK, "the page works offline only if its script comes from the emulator");
        (await script.Content.ReadAsByteArrayAsync()).Length.Should().BeGreaterThan(100_000);
    }
}
