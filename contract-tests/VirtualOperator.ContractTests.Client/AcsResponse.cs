using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace VirtualOperator.ContractTests.Client;

/// <summary>A successful answer: the status, content type and body, parsed on demand.</summary>
public sealed class AcsResponse(HttpStatusCode status, string contentType, string body, string? requestIdHeader)
{
    public HttpStatusCode Status { get; } = status;
    public string ContentType { get; } = contentType;
    public string Body { get; } = body;
    public bool IsXml => ContentType.Contains("xml", StringComparison.OrdinalIgnoreCase);

    public JsonObject Json => (JsonNode.Parse(Body) as JsonObject)
        ?? throw new InvalidOperationException($"The body is not a JSON object: {Body}");

    public XElement Xml => XDocument.Parse(Body).Root ?? throw new InvalidOperationException("Empty XML body.");

    /// <summary>The body's RequestId (JSON or XML), else the <c>x-acs-request-id</c> header.</summary>
    public string? RequestId => IsXml ? Xml.Element("RequestId")?.Value ?? requestIdHeader : Json["RequestId"]?.ToString() ?? requestIdHeader;
}
