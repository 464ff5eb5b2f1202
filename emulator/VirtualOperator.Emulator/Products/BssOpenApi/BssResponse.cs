using VirtualOperator.Emulator.Api;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.BssOpenApi;

/// <summary>
/// The BSS success envelope (ERRORS.md §1): <c>Code "200"</c>, which both pop-core and the Tea SDKs accept.
/// </summary>
public sealed record BssResponse<T>(string Code, string Message, string RequestId, bool Success, T Data);

public static class BssResponse
{
    public static BssResponse<T> Ok<T>(ActionContext ctx, T data) => new("200", "Successful!", ctx.RequestId, true, data);

    /// <summary>A generated answer (<c>Api/*.g.cs</c>) with the success envelope filled in.</summary>
    public static T Success<T>(ActionContext ctx, T body) where T : IBssEnvelope
    {
        body.Code = "200";
        body.Message = "Successful!";
        body.RequestId = ctx.RequestId;
        body.Success = true;
        return body;
    }
}
