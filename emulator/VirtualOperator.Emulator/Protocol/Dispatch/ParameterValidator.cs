using System.Globalization;
using VirtualOperator.Emulator.Protocol.Errors;
using VirtualOperator.Emulator.Protocol.Parsing;

namespace VirtualOperator.Emulator.Protocol.Dispatch;

/// <summary>
/// Checks required parameters and scalar types from the catalog before any handler runs, so every
/// action answers MissingParameter / InvalidParameter the same way, and a handler never sees a bad type.
/// </summary>
public static class ParameterValidator
{
    public static void Validate(ActionDescriptor action, ActionParameters p)
    {
        foreach (var spec in action.Parameters)
        {
            if (spec.Type is "RepeatList" or "Array")
            {
                var items = p.StructList(spec.Name);
                if (spec.Required && items.Count == 0) throw CommonErrors.MissingParameter(spec.Name);
                for (var i = 0; i < items.Count; i++)
                    foreach (var sub in spec.Sub)
                    {
                        var key = $"{spec.Name}.{i + 1}.{sub.Name}";
                        items[i].TryGetValue(sub.Name, out var v);
                        CheckScalar(key, sub.Type, sub.Required, v);
                    }
            }
            else if (spec.Type == "Struct" && spec.Sub.Count > 0)
            {
                var hasAny = p.HasMembers(spec.Name) || p.Has(spec.Name);
                if (spec.Required && !hasAny) throw CommonErrors.MissingParameter(spec.Name);
            }
            else
            {
                CheckScalar(spec.Name, spec.Type, spec.Required, p.String(spec.Name));
            }
        }
    }

    private static void CheckScalar(string name, string type, bool required, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required) throw CommonErrors.MissingParameter(name);
            return;
        }
        var ok = type switch
        {
            "Integer" or "Long" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            "Number" => decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            "Float" or "Double" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            "Boolean" => bool.TryParse(value, out _),
            _ => true,
        };
        if (!ok) throw CommonErrors.InvalidParameter(name, $"Expected a value of type {type}.");
    }
}
