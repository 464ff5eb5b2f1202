using System.Globalization;
using System.Text.Json;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// One low-quota rule of SetResellerUserAlarmThreshold (help.aliyun.com 91992, 472963):
/// <c>thresholdType</c> 0 = by amount (<c>thresholdAmount</c>), 1 = by ratio of the quota (<c>numerator/denominator</c>).
/// </summary>
public sealed class AlarmThreshold
{
    public const int ByAmount = 0;
    public const int ByRatio = 1;

    public int ThresholdType { get; set; }
    public decimal ThresholdAmount { get; set; }
    public int Numerator { get; set; }
    public int Denominator { get; set; }

    /// <summary>Identifies the rule, so re-sending the same rule keeps its alarm state.</summary>
    public string Key => ThresholdType == ByAmount
        ? "amount:" + Money.Format(ThresholdAmount)
        : $"ratio:{Numerator}/{Denominator}";

    /// <summary>The available amount below which this rule alarms, for a ledger with this quota.</summary>
    public decimal LimitFor(decimal quota) => ThresholdType == ByAmount ? ThresholdAmount : quota * Numerator / Denominator;

    /// <summary>Exact for ratios too: available &lt; quota·n/d compared as available·d &lt; quota·n.</summary>
    public bool IsBelow(decimal available, decimal quota) => ThresholdType == ByAmount
        ? available < ThresholdAmount
        : available * Denominator < quota * Numerator;

    /// <summary>
    /// Parses the <c>AlarmThresholds</c> JSON array. Absent or empty means "no thresholds" (the doc: 不传代表没有预警阈值).
    /// [I] anything else malformed answers ParameterError naming the problem.
    /// </summary>
    public static IReadOnlyList<AlarmThreshold> ParseList(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        JsonElement root;
        try { root = JsonDocument.Parse(json).RootElement; }
        catch (JsonException) { throw Bad("it is not a JSON array of threshold objects."); }
        if (root.ValueKind != JsonValueKind.Array) throw Bad("it is not a JSON array of threshold objects.");

        var list = new List<AlarmThreshold>();
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw Bad("every item must be an object.");
            var type = Int(item, "thresholdType") ?? throw Bad("every item needs \"thresholdType\" (0 by amount, 1 by ratio).");
            var t = type switch
            {
                ByAmount => new AlarmThreshold { ThresholdType = ByAmount, ThresholdAmount = AmountOf(item) },
                ByRatio => Ratio(item),
                _ => throw Bad($"thresholdType {type} is not 0 (by amount) or 1 (by ratio)."),
            };
            if (list.All(x => x.Key != t.Key)) list.Add(t);
        }
        return list;
    }

    private static AlarmThreshold Ratio(JsonElement item)
    {
        var n = Int(item, "numerator") ?? throw Bad("a ratio threshold needs \"numerator\".");
        var d = Int(item, "denominator") ?? throw Bad("a ratio threshold needs \"denominator\".");
        if (d <= 0 || n < 0 || n > d) throw Bad($"numerator/denominator {n}/{d} is not a ratio between 0 and 1.");
        return new AlarmThreshold { ThresholdType = ByRatio, Numerator = n, Denominator = d };
    }

    private static decimal AmountOf(JsonElement item)
    {
        if (!item.TryGetProperty("thresholdAmount", out var v)) throw Bad("an amount threshold needs \"thresholdAmount\".");
        // Sent as a JSON number by the doc's example, as a string by some clients: both are read exactly.
        var text = v.ValueKind switch
        {
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.String => v.GetString() ?? "",
            _ => throw Bad("\"thresholdAmount\" must be a number."),
        };
        return Money.Amount("AlarmThresholds.thresholdAmount", text, Money.DefaultCurrency);
    }

    private static int? Int(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)) return i;
        if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out i)) return i;
        throw Bad($"\"{name}\" must be an integer.");
    }

    private static Protocol.Errors.ApiException Bad(string why) => BudgetErrors.ParameterError("AlarmThresholds", why);
}
