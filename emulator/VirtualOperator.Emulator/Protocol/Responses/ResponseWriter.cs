using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace VirtualOperator.Emulator.Protocol.Responses;

/// <summary>
/// Renders bodies as JSON or XML to match the request, and the one error envelope
/// (RequestId, HostId, Code, Message, Recommend). openapi-core parses XML only for the exact content type
/// <c>text/xml;charset=utf-8</c>, so that is what XML answers carry.
/// </summary>
public static class ResponseWriter
{
    public const string JsonContentType = "application/json;charset=utf-8";
    public const string XmlContentType = "text/xml;charset=utf-8";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public static async Task WriteAsync(HttpResponse response, int status, ResponseFormat format, string rootName, object body, string requestId)
    {
        response.StatusCode = status;
        response.Headers["x-acs-request-id"] = requestId;
        if (format == ResponseFormat.Json)
        {
            response.ContentType = JsonContentType;
            // One buffer and one write with a Content-Length: cheaper than streaming small bodies in chunks.
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json);
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes);
            return;
        }
        response.ContentType = XmlContentType;
        var node = body as JsonNode ?? JsonSerializer.SerializeToNode(body, body.GetType(), Json);
        await response.WriteAsync(ToXml(rootName, node), Encoding.UTF8);
    }

    public static object ErrorBody(string requestId, string hostId, string code, string message, string product) => new ErrorEnvelope(
        requestId, hostId, code, message,
        $"https://api.aliyun.com/troubleshoot?q={Uri.EscapeDataString(code)}&product={Uri.EscapeDataString(product)}&requestId={requestId}");

    /// <summary>JSON tree to Alibaba-style XML: an array property becomes repeated elements of that name.</summary>
    public static string ToXml(string rootName, JsonNode? node)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = Encoding.UTF8 }))
        {
            w.WriteStartElement(rootName);
            WriteChildren(w, node);
            w.WriteEndElement();
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + sb;
    }

    private static void WriteChildren(XmlWriter w, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    if (child is JsonArray arr)
                        foreach (var item in arr) WriteElement(w, name, item);
                    else WriteElement(w, name, child);
                }
                break;
            case JsonValue v:
                w.WriteString(Scalar(v));
                break;
        }
    }

    private static void WriteElement(XmlWriter w, string name, JsonNode? value)
    {
        w.WriteStartElement(XmlConvert.EncodeLocalName(name));
        WriteChildren(w, value);
        w.WriteEndElement();
    }

    private static string Scalar(JsonValue v) => v.GetValueKind() switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => XmlSafe(v.GetValue<string>()),
        JsonValueKind.Null => "",
        _ => v.ToJsonString(),
    };

    /// <summary>
    /// XML 1.0 cannot carry control characters (a value echoed from the request may hold them): each becomes
    /// U+FFFD, so the answer stays well-formed XML instead of failing to render.
    /// </summary>
    private static string XmlSafe(string s)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            if (XmlConvert.IsXmlChar(s[i])) { sb?.Append(s[i]); continue; }
            if (i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], s[i])) { sb?.Append(s, i, 2); i++; continue; }
            sb ??= new StringBuilder(s.Length).Append(s, 0, i);
            sb.Append('\uFFFD');
        }
        return sb?.ToString() ?? s;
    }
}

public sealed record ErrorEnvelope(string RequestId, string HostId, string Code, string Message, string Recommend);
