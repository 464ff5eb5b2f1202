using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtualOperator.ContractTests.Snapshots;

/// <summary>Visits every scalar of a JSON tree in document order with the name of the property that holds it.</summary>
internal static class JsonWalk
{
    /// <summary>
    /// Calls <paramref name="replace"/> for each scalar (with its property name; array items get the array's
    /// name) and puts back whatever it returns; returning the same node leaves it.
    /// </summary>
    public static void Scalars(JsonNode root, Func<string?, JsonValue, JsonNode?> replace) => Visit(root, null, replace);

    private static void Visit(JsonNode node, string? name, Func<string?, JsonValue, JsonNode?> replace)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (o[key] is JsonValue v) { var r = replace(key, v); if (!ReferenceEquals(r, v)) o[key] = r; }
                    else if (o[key] is { } child) Visit(child, key, replace);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v) { var r = replace(name, v); if (!ReferenceEquals(r, v)) a[i] = r; }
                    else if (a[i] is { } child) Visit(child, name, replace);
                }
                break;
        }
    }

    /// <summary>The scalar as text (strings unquoted, numbers as written), or null for booleans and null.</summary>
    public static string? Text(JsonValue v) => v.GetValueKind() switch
    {
        JsonValueKind.String => v.GetValue<string>(),
        JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };

    /// <summary>A placeholder keeps the JSON type visible: a number replaced becomes "&lt;x:1&gt; (number)".</summary>
    public static JsonNode Placeholder(JsonValue original, string placeholder) =>
        JsonValue.Create(original.GetValueKind() == JsonValueKind.Number ? placeholder + " (number)" : placeholder);
}
