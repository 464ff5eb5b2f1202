using System.Collections.Concurrent;

namespace VirtualOperator.Emulator.Storage;

/// <summary>
/// One string object per distinct value for the fields of stored rows that take few values (product codes, regions,
/// statuses, module codes and values, uids): every request parses its own copy, so 100,000 orders held 100,000 copies of
/// "cn-hangzhou" (docs/performance.md, "Memory per order"). Bounded: past <see cref="Capacity"/> distinct values a value
/// is kept as given, so ids or free text passed here by mistake cost memory only up to the bound.
/// </summary>
public static class SharedStrings
{
    public const int Capacity = 100_000;
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    /// <summary>The shared copy of <paramref name="value"/> (null and "" as they are).</summary>
    public static string? Of(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value;
        if (Pool.TryGetValue(value, out var shared)) return shared;
        return Pool.Count >= Capacity ? value : Pool.GetOrAdd(value, value);
    }
}
