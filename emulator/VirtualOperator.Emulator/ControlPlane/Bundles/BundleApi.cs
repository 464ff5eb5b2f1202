using Microsoft.AspNetCore.Http.HttpResults;
using VirtualOperator.Emulator.Partners;

namespace VirtualOperator.Emulator.ControlPlane.Bundles;

/// <summary><c>GET /_emulator/partners/{uid}/bundle</c> and <c>POST /_emulator/bundles[?replace=true]</c>.</summary>
public static class BundleApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/partners/{uid}/bundle", Results<Ok<PartnerBundle>, NotFound<ControlError>> (string uid, PartnerBundles bundles, HttpContext http) =>
        {
            if (bundles.Export(uid) is not { } bundle) return TypedResults.NotFound(new ControlError($"No partner with uid {uid}."));
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"partner-{uid}.bundle.json\"";
            return TypedResults.Ok(bundle);
        });

        api.MapPost("/bundles", Results<Ok<BundleImported>, BadRequest<ControlError>, Conflict<ControlError>> (PartnerBundle bundle, bool? replace, PartnerBundles bundles) =>
        {
            try { return TypedResults.Ok(bundles.Import(bundle, replace ?? false)); }
            catch (BundleError e) when (e.Status == 409) { return TypedResults.Conflict(new ControlError(e.Message)); }
            catch (BundleError e) { return TypedResults.BadRequest(new ControlError(e.Message)); }
        });
    }
}

