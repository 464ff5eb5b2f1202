using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtualOperator.Emulator.Tests.Acceptance;

/// <summary>
/// Compares a JSON answer with a catalog <c>response</c> shape the way the Tea SDKs read it: scalars are
/// "string" | "number" | "boolean" | "any"; objects are nested dicts; <c>[item]</c> is an array of item;
/// <c>{"$map": value}</c> is a free-form map. Answers one line per problem, each naming its JSON path.
/// </summary>
public static class ShapeChecker
{
    public sealed record Problem(string Path, string Kind, string Detail)
    {
        public override string ToString() => $"{Path}: {Kind} ({Detail})";
    }

    public static IReadOnlyList<Problem> Check(JsonNode shape, JsonNode? value)
    {
        var problems = new List<Problem>();
        Walk(shape, value, "$", problems);
        return problems;
    }

    private static void Walk(JsonNode shape, JsonNode? value, string path, List<Problem> problems)
    {
        switch (shape)
        {
            case JsonValue scalar:
                CheckScalar(scalar.GetValue<string>(), value, path, problems);
                break;
            case JsonArray items:
                if (value is not JsonArray array) { problems.Add(new(path, "type", $"expected array, got {KindOf(value)}")); return; }
                // An empty list proves nothing about its items: the tour must fill every list it is checked on.
                if (array.Count == 0) problems.Add(new(path, "unchecked", "empty array, its item shape was not seen"));
                for (var i = 0; i < array.Count; i++) Walk(items[0]!, array[i], $"{path}[{i}]", problems);
                break;
            case JsonObject map when map.Count == 1 && map["$map"] is { } valueShape:
                if (value is not JsonObject freeForm) { problems.Add(new(path, "type", $"expected map object, got {KindOf(value)}")); return; }
                foreach (var (k, v) in freeForm) Walk(valueShape, v, $"{path}.{k}", problems);
                break;
            case JsonObject fields:
                if (value is not JsonObject obj) { problems.Add(new(path, "type", $"expected object, got {KindOf(value)}")); return; }
                foreach (var (name, fieldShape) in fields)
                {
                    if (!obj.TryGetPropertyValue(name, out var v)) { problems.Add(new($"{path}.{name}", "missing", Describe(fieldShape!))); continue; }
                    Walk(fieldShape!, v, $"{path}.{name}", problems);
                }
                foreach (var (name, _) in obj)
                    if (!fields.ContainsKey(name)) problems.Add(new($"{path}.{name}", "extra", "not in the catalog shape"));
                break;
        }
    }

    private static void CheckScalar(string expected, JsonNode? value, string path, List<Problem> problems)
    {
        if (expected == "any") return;
        var actual = KindOf(value);
        // null is what the SDK sees for an absent value: the Tea validator lets it pass for any scalar.
        if (actual == "null" || actual == expected) return;
        problems.Add(new(path, "type", $"expected {expected}, got {actual}"));
    }

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Null => "null",
            var k => k.ToString(),
        },
        _ => "unknown",
    };

    private static string Describe(JsonNode shape) => shape switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray => "array",
        _ => "object",
    };
}
