using VirtualOperator.Emulator.Protocol.Errors;
using VirtualOperator.Emulator.Protocol.Responses;

namespace VirtualOperator.Emulator.Protocol.Pipeline;

/// <summary>The last line of defence: an unhandled exception becomes a 500 <c>InternalError</c> in the real envelope.</summary>
public static class InternalErrorEnvelope
{
    public static Task WriteAsync(HttpContext http)
    {
        var requestId = RequestIds.New();
        var e = CommonErrors.InternalError();
        var host = http.Request.Host.Value ?? "";
        var body = ResponseWriter.ErrorBody(requestId, host, e.Code, e.Message, ProductHosts.ProductOf(host) ?? "Emulator");
        return ResponseWriter.WriteAsync(http.Response, e.HttpStatus, ResponseFormat.Json, "Error", body, requestId);
    }
}
