using System.Security;

namespace VirtualOperator.Emulator.Products.Mns;

/// <summary>
/// MNS queue delivery (ReceiveMessage, DeleteMessage on <c>/queues/{name}/messages</c>) comes in a later issue.
/// Until then a queue call gets a clear MNS-style XML error naming the action, never an empty 404.
/// Partner events are already stored in their final MNS form (Products/Messages).
/// </summary>
public static class MnsNotImplemented
{
    public static void MapMnsNotImplemented(this IEndpointRouteBuilder app) =>
        app.Map("/queues/{**rest}", async (HttpContext http) =>
        {
            var action = http.Request.Method switch { "GET" => "ReceiveMessage", "DELETE" => "DeleteMessage", _ => http.Request.Method };
            var requestId = Guid.NewGuid().ToString("N").ToUpperInvariant()[..24];
            http.Response.StatusCode = 501;
            http.Response.ContentType = "text/xml;charset=utf-8";
            http.Response.Headers["x-mns-request-id"] = requestId;
            http.Response.Headers["x-mns-version"] = "2015-06-06";
            await http.Response.WriteAsync(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error xmlns=\"http://mns.aliyuncs.com/doc/v1/\">" +
                "<Code>NotImplemented</Code>" +
                $"<Message>VirtualOperator.Emulator does not implement MNS 2015-06-06 {SecurityElement.Escape(action)} yet; partner events are listed at /_emulator/partners/{{uid}}/messages.</Message>" +
                $"<RequestId>{requestId}</RequestId><HostId>{SecurityElement.Escape(http.Request.Host.Value)}</HostId></Error>");
        });
}
