using System.Collections.Concurrent;

namespace VirtualOperator.Emulator.Domain;

/// <summary>
/// One lock per key (a partner uid, a customer uid): check-then-write sequences (the 20-customer limit,
/// quota charges, idempotency tokens) run under it, so they hold under concurrent calls.
/// </summary>
public sealed class KeyedLocks
{
    private readonly ConcurrentDictionary<string, object> _locks = new(StringComparer.Ordinal);

    public T Run<T>(string key, Func<T> action)
    {
        lock (_locks.GetOrAdd(key, _ => new object())) return action();
    }

    public void Run(string key, Action action)
    {
        lock (_locks.GetOrAdd(key, _ => new object())) action();
    }
}
