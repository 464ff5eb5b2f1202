using System.Text.Json;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Responses;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// An RDS answer completed to its catalog shape (the SDK model): every field the emulator has no value for is sent as null,
/// which the Tea SDKs read exactly as an absent field, and every object the model nests is present, so a client walking the
/// model never meets a missing object. Lists are never invented: a list the emulator has nothing for stays out.
/// </summary>
internal static class RdsReply
{
    public static JsonNode Of(ActionContext ctx, object body)
    {
        var node = JsonSerializer.SerializeToNode(body, body.GetType(), ResponseWriter.Json)!;
        if (ctx.Action.Response is JsonObject shape && node is JsonObject obj) Complete(shape, obj);
        return node;
    }

    private static void Complete(JsonObject shape, JsonObject value)
    {
        foreach (var (name, fieldShape) in shape)
        {
            if (name == "$map") return;
            value.TryGetPropertyValue(name, out var current);
            switch (fieldShape)
            {
                case JsonValue when !value.ContainsKey(name):
                    value[name] = null;
                    break;
                case JsonObject nested when current is JsonObject inner:
                    Complete(nested, inner);
                    break;
                case JsonObject nested when !value.ContainsKey(name) && !HoldsList(nested):
                    var made = new JsonObject();
                    Complete(nested, made);
                    value[name] = made;
                    break;
                case JsonArray itemShape when current is JsonArray items && itemShape[0] is JsonObject itemFields:
                    foreach (var item in items) if (item is JsonObject o) Complete(itemFields, o);
                    break;
            }
        }
    }

    /// <summary>A wrapper of a list ({"Item": [...]}) is left out with its list rather than sent empty.</summary>
    private static bool HoldsList(JsonObject shape) => shape.Any(f => f.Value is JsonArray || (f.Value is JsonObject o && HoldsList(o)));
}
