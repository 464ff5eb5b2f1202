using System.Collections.Concurrent;

namespace VirtualOperator.Emulator.Storage;

/// <summary>
/// One string object per distinct value for the fields of stored rows that take few values (product codes, regions,
/// statuses, module codes and values, uids): every request parses its own copy, so 100,000 orders held 100,000 copies of
/// "cn-hangzhou" (docs/performance.md, "Memory per order"). Bounded: past <see cref="SharedPool{T}.Capacity"/> distinct
/// values a value is kept as given, so ids or free text passed here by mistake cost memory only up to the bound.
/// </summary>
public static class SharedStrings
{
    private static readonly SharedPool<string> Pool = new();

    /// <summary>The shared copy of <paramref name="value"/> (null and "" as they are).</summary>
    public static string? Of(string? value) => string.IsNullOrEmpty(value) ? value : Pool.Of(value, static v => v);
}

/// <summary>
/// Values shared by content among stored rows, which are never changed once kept (readers get copies): one object per
/// key, made by the caller the first time. Bounded: past <see cref="Capacity"/> keys a new value is made and not kept.
/// </summary>
public sealed class SharedPool<T>
{
    public const int Capacity = 100_000;
    private readonly ConcurrentDictionary<string, T> _pool = new(StringComparer.Ordinal);

    public T Of(string key, Func<string, T> make) =>
        _pool.TryGetValue(key, out var shared) ? shared : _pool.Count >= Capacity ? make(key) : _pool.GetOrAdd(key, make);
}
