using Scalar.AspNetCore;

namespace VirtualOperator.Emulator.ControlPlane;

/// <summary>
/// The control plane described: <c>/_emulator/openapi.json</c> (OpenAPI, generated from the typed minimal-API routes by
/// Microsoft.AspNetCore.OpenApi) and <c>/_emulator/docs</c> (a Scalar reference page, its script served from the
/// package's embedded assets, so it works offline). Only <c>/_emulator</c> routes are in the document: the signed RPC
/// surface is described by the action catalog, not by OpenAPI.
/// </summary>
public static class ControlPlaneDocs
{
    public const string DocumentPath = "/_emulator/openapi.json";
    public const string DocsPath = "/_emulator/docs";

    public static IServiceCollection AddControlPlaneDocs(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("_emulator", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "VirtualOperator.Emulator control plane";
                doc.Info.Version = ControlPlaneApi.Version;
                doc.Info.Description = "Plain JSON, never signed, on the emulator's port: virtual clock, partners, faults, request journal, " +
                    "resets, repro bundles. Writes take application/json; errors answer {\"error\"} with a 4xx.";
                return Task.CompletedTask;
            });
        });

    public static void MapControlPlaneDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(DocsPath, o => o
            .WithTitle("VirtualOperator.Emulator control plane")
            .WithOpenApiRoutePattern(DocumentPath));
    }
}
