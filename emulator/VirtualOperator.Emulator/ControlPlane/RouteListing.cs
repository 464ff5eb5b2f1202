namespace VirtualOperator.Emulator.ControlPlane;

/// <summary>
/// <c>GET /_emulator/routes</c>: every mapped route (pattern and methods), the control plane's, the product pages' and
/// the RPC entry. Tools that must cover every route (the fuzz stage) read it at run time, so routes added later are included.
/// </summary>
public static class RouteListing
{
    public sealed record RouteView(string Pattern, string[] Methods);

    public static void MapRouteListing(this IEndpointRouteBuilder api) =>
        api.MapGet("/routes", (EndpointDataSource endpoints) => TypedResults.Ok(endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => new RouteView("/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET", "POST"]))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ToList()));
}
