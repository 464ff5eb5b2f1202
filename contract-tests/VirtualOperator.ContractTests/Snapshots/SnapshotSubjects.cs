using System.Text.Json.Nodes;
using System.Xml.Linq;
using VirtualOperator.ContractTests.Client;

namespace VirtualOperator.ContractTests.Snapshots;

/// <summary>What a snapshot holds for a response or an error: the HTTP status and the body as JSON (XML converted).</summary>
public static class SnapshotSubjects
{
    public static JsonObject Of(AcsResponse r) => new()
    {
        ["HttpStatus"] = (int)r.Status,
        ["Format"] = r.IsXml ? "XML" : "JSON",
        ["Body"] = r.IsXml ? FromXml(r.Xml) : JsonNode.Parse(r.Body),
    };

    public static JsonObject Of(AcsApiException e)
    {
        JsonNode? body;
        try { body = e.Body.TrimStart().StartsWith('<') ? FromXml(XDocument.Parse(e.Body).Root!) : JsonNode.Parse(e.Body); }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or System.Xml.XmlException) { body = JsonValue.Create(e.Body); }
        return new JsonObject { ["HttpStatus"] = e.HttpStatus, ["Body"] = body };
    }

    /// <summary><c>{ RootName: content }</c>: elements to objects, repeated children to arrays, leaves to strings (XML has no other types).</summary>
    public static JsonNode FromXml(XElement root) => new JsonObject { [root.Name.LocalName] = Content(root) };

    private static JsonNode Content(XElement e)
    {
        if (!e.HasElements) return JsonValue.Create(e.Value);
        var o = new JsonObject();
        foreach (var group in e.Elements().GroupBy(c => c.Name.LocalName))
            o[group.Key] = group.Count() == 1 ? Content(group.First()) : new JsonArray(group.Select(Content).ToArray());
        return o;
    }
}
