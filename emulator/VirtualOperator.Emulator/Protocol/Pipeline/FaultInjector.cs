using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Protocol.Pipeline;

/// <summary>A fault rule as posted to <c>/_emulator/faults</c>.</summary>
public sealed class FaultRule
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N")[..12];
    public string? Action { get; set; }
    public string? Product { get; set; }
    public string? Partner { get; set; }
    public string? Code { get; set; }
    public string? Message { get; set; }
    public int? HttpStatus { get; set; }
    /// <summary>How many matching calls fail (or are delayed) after the skipped ones; default 1.</summary>
    public int? Count { get; set; }
    /// <summary>How many matching calls pass untouched first; default 0.</summary>
    public int? After { get; set; }
    public int? DelayMs { get; set; }

    public int Seen { get; set; }
    public int Fired { get; set; }

    public bool Exhausted => Fired >= (Count ?? 1);
}

/// <summary>
/// Matching calls skip <c>after</c> matches, then fail (or are delayed) <c>count</c> times. Rules are
/// matched in the order they were added; a call consumes at most one rule.
/// </summary>
public sealed class FaultInjector
{
    private readonly List<FaultRule> _rules = new();
    private readonly object _gate = new();

    public FaultRule Add(FaultRule rule)
    {
        Check(rule);
        lock (_gate) _rules.Add(rule);
        return rule;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming what is wrong with a rule.</summary>
    public static void Check(FaultRule rule)
    {
        if (rule.Code is null && rule.DelayMs is null)
            throw new ArgumentException("A fault needs a \"code\" (to fail) or a \"delayMs\" (to delay).");
        if (rule.Code is not null && rule.HttpStatus is null)
            throw new ArgumentException("A fault with a \"code\" needs an \"httpStatus\".");
        if (rule.HttpStatus is < 400 or > 599)
            throw new ArgumentException("\"httpStatus\" must be an error status (400-599).");
        if (rule.Count is < 1 || rule.After is < 0 || rule.DelayMs is < 0 or > 600_000)
            throw new ArgumentException("\"count\" must be at least 1, \"after\" at least 0, \"delayMs\" 0..600000.");
    }

    public IReadOnlyList<FaultRule> List(string? partner = null)
    {
        lock (_gate) return _rules.Where(r => partner is null || r.Partner == partner).ToList();
    }

    public void Clear(string? partner = null)
    {
        lock (_gate) _rules.RemoveAll(r => partner is null || r.Partner == partner);
    }

    /// <summary>The rule that fires for this call, if any; its counters are advanced atomically.</summary>
    public FaultRule? Match(string? product, string? action, string? partner)
    {
        lock (_gate)
        {
            foreach (var r in _rules)
            {
                if (r.Exhausted) continue;
                if (r.Action is not null && r.Action != action) continue;
                if (r.Product is not null && !string.Equals(r.Product, product, StringComparison.OrdinalIgnoreCase)) continue;
                if (r.Partner is not null && r.Partner != partner) continue;
                r.Seen++;
                if (r.Seen <= (r.After ?? 0)) continue;
                r.Fired++;
                return r;
            }
            return null;
        }
    }

    public static ApiException ToException(FaultRule rule) =>
        new(rule.Code!, rule.Message ?? $"Fault injected by the emulator control plane (rule {rule.Id}).", rule.HttpStatus ?? 500)
        { Injected = true };
}
