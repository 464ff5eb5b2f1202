namespace VirtualOperator.Emulator.ControlPlane;

/// <summary>
/// Bad input to the plain-JSON routes (control plane, product pages) answers JSON <c>{"error"}</c> with its status,
/// never an empty body or an exception page: a body that is not the expected JSON, a query value of the wrong
/// type. RPC calls never get here with an error: <see cref="Protocol.Pipeline.RpcEndpoint"/> renders its own envelope.
/// </summary>
public static class NonRpcErrors
{
    public static IServiceCollection AddNonRpcErrors(this IServiceCollection services) =>
        // Without this, a binding failure outside Development answers 400 with an empty body.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    public static IApplicationBuilder UseNonRpcErrors(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
            // A 4xx the framework answered with nothing (no such route, wrong method, unsupported media type): say so.
            if (http.Response.StatusCode >= 400 && !http.Response.HasStarted && http.Response.ContentLength is null or 0
                && http.Request.Path.StartsWithSegments(ControlPlaneGuard.Prefix, StringComparison.OrdinalIgnoreCase))
                await Write(http, http.Response.StatusCode, EmptyAnswer(http));
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            await Write(http, e.StatusCode, e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException && !http.Response.HasStarted
                                  && http.Request.Path.StartsWithSegments("/_emulator", StringComparison.Ordinal))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NonRpcErrors))
                .LogError(e, "Unhandled error in {Path}", http.Request.Path);
            await Write(http, 500, $"The emulator failed on this request: {e.Message}");
        }
    });

    private static string EmptyAnswer(HttpContext http) => http.Response.StatusCode switch
    {
        404 => $"No control-plane route {http.Request.Method} {http.Request.Path}.",
        405 => $"{http.Request.Method} is not allowed on {http.Request.Path}.",
        415 => "Control-plane writes take 'Content-Type: application/json'.",
        var s => $"{s} {Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(s)}",
    };

    private static Task Write(HttpContext http, int status, string error)
    {
        http.Response.Clear();
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { error });
    }
}
