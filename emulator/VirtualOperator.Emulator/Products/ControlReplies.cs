namespace VirtualOperator.Emulator.Products;

/// <summary>The control plane's error replies (<c>{"error": …}</c>), shared by the products' <c>/_emulator/…</c> routes.</summary>
public static class ControlReplies
{
    public static IResult NotFound(string message) => Results.Json(new { error = message }, statusCode: 404);

    public static IResult NoPartner(string uid) => NotFound($"No partner with uid {uid}.");

    public static IResult Conflict(string message) => Results.Json(new { error = message }, statusCode: 409);
}
