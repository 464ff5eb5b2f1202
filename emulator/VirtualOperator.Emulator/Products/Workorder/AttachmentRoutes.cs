using System.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace VirtualOperator.Emulator.Products.Workorder;

/// <summary>
/// The OSS bucket the ticket service's grants and URLs point at (work-order.oss-cn-hangzhou.aliyuncs.com in the cloud),
/// served on the emulator's own port: a browser-style PostObject upload and the signed download. Errors are OSS XML.
/// </summary>
public static class AttachmentRoutes
{
    public const string Prefix = "/oss/work-order";

    public static void MapAttachmentRoutes(this IEndpointRouteBuilder app)
    {
        app.MapPost(Prefix, async (HttpContext http, TicketUploads uploads) =>
        {
            // Read through FormBody: a malformed form (a NUL, a broken multipart) is a 400, never a 500.
            var (form, status, readError) = await Protocol.Pipeline.FormBody.ReadAsync(http.Request);
            if (form is null)
                return OssError(http, ("InvalidArgument", status == 415 ? "The upload is a multipart/form-data POST (OSS PostObject)." : readError, 400));
            var file = form.Files.GetFile("file");
            if (file is null) return OssError(http, ("InvalidArgument", "The form has no \"file\" field.", 400));
            if (file.Length > TicketUploads.MaxBytes) return OssError(http, ("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.", 400));
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, http.RequestAborted);
            var error = uploads.Upload(Field(form, "OSSAccessKeyId"), Field(form, "policy"), Field(form, "Signature") ?? Field(form, "signature"),
                Field(form, "key"), file.ContentType ?? "application/octet-stream", buffer.ToArray());
            if (error is { } e) return OssError(http, e);
            var answer = int.TryParse(Field(form, "success_action_status"), out var s) && s is 200 or 201 ? s : 204;
            return Results.StatusCode(answer);
        }).DisableAntiforgery();

        app.MapGet(Prefix + "/{**key}", (string key, HttpContext http, TicketUploads uploads) =>
        {
            var q = http.Request.Query;
            var (upload, error) = uploads.Download(key, q["partner"], q["Expires"], q["Signature"]);
            return error is { } e ? OssError(http, e) : Results.File(upload!.Content, upload.ContentType);
        });
    }

    /// <summary>
    /// The scheme and host a client reached the emulator by; when the request named a product host (a Tea SDK's
    /// <c>workorder.aliyuncs.com</c> sent to a local address), the emulator's own listening address instead.
    /// </summary>
    public static string PublicBase(HttpContext http)
    {
        var host = http.Request.Host.Value ?? "";
        if (host.Length > 0 && !host.EndsWith(".aliyuncs.com", StringComparison.OrdinalIgnoreCase)) return $"{http.Request.Scheme}://{host}";
        var addresses = http.RequestServices.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault()?.TrimEnd('/') ?? "http://127.0.0.1:4590";
    }

    private static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrEmpty(v[0]) ? v[0] : null;

    private static IResult OssError(HttpContext http, (string Code, string Message, int Status) e)
    {
        var requestId = Protocol.Responses.RequestIds.NewHex24();
        return Results.Content(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error>" +
            $"<Code>{SecurityElement.Escape(e.Code)}</Code><Message>{SecurityElement.Escape(e.Message)}</Message>" +
            $"<RequestId>{requestId}</RequestId><HostId>{SecurityElement.Escape(http.Request.Host.Value)}</HostId></Error>",
            "application/xml", System.Text.Encoding.UTF8, e.Status);
    }
}
