using System.Collections.Concurrent;

namespace VirtualOperator.Emulator.Domain;

/// <summary>
/// One lock per key (a partner uid, a customer uid, an OutBizId): check-then-write sequences (the 20-customer
/// limit, quota charges, idempotency tokens) run under it, so they hold under concurrent calls. A key's gate
/// lives only while someone holds or waits for it: keys such as OutBizIds are unbounded, memory must not be.
/// Each set of locks declares its <see cref="LockLevel"/>; taking one out of the order of docs/durability.md throws
/// (<see cref="LockOrder"/>).
/// </summary>
public sealed class KeyedLocks(LockLevel level, string name)
{
    private sealed class Gate
    {
        // Holders and waiters; -1 once retired (being removed from the map).
        public int Refs;
    }

    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>Where these locks sit in the lock hierarchy.</summary>
    public LockLevel Level { get; } = level;

    /// <summary>What these locks guard, for the message of a lock-order violation.</summary>
    public string Name { get; } = name;

    /// <summary>How many keys have a live gate (for tests: it returns to zero when nobody holds a lock).</summary>
    public int LiveKeys => _gates.Count;

    public T Run<T>(string key, Func<T> action)
    {
        LockOrder.Entering(this, key);
        try
        {
            var gate = Acquire(key);
            try
            {
                lock (gate) return action();
            }
            finally
            {
                Release(key, gate);
            }
        }
        finally
        {
            LockOrder.Left(this, key);
        }
    }

    public void Run(string key, Action action) => Run(key, () => { action(); return true; });

    /// <summary>Takes the key's lock until <see cref="Held.Exit"/> (on this thread): for a lock that must outlive the
    /// call that took it, such as an OutBizId held until its change has committed.</summary>
    public Held Enter(string key)
    {
        LockOrder.Entering(this, key);
        Gate gate;
        try
        {
            gate = Acquire(key);
            try
            {
                Monitor.Enter(gate);
            }
            catch
            {
                Release(key, gate);
                throw;
            }
        }
        catch
        {
            LockOrder.Left(this, key);
            throw;
        }
        return new Held(this, key, gate);
    }

    public sealed class Held
    {
        private readonly KeyedLocks _owner;
        private readonly string _key;
        private readonly object _gate;
        private int _exited;

        internal Held(KeyedLocks owner, string key, object gate) => (_owner, _key, _gate) = (owner, key, gate);

        public void Exit()
        {
            if (Interlocked.Exchange(ref _exited, 1) == 1) return;
            Monitor.Exit(_gate);
            _owner.Release(_key, (Gate)_gate);
            LockOrder.Left(_owner, _key);
        }
    }

    private Gate Acquire(string key)
    {
        var spinner = new SpinWait();
        while (true)
        {
            var gate = _gates.GetOrAdd(key, static _ => new Gate());
            var refs = Volatile.Read(ref gate.Refs);
            if (refs >= 0 && Interlocked.CompareExchange(ref gate.Refs, refs + 1, refs) == refs) return gate;
            spinner.SpinOnce(); // retired: its removal is a moment away, then a fresh gate is added
        }
    }

    private void Release(string key, Gate gate)
    {
        if (Interlocked.Decrement(ref gate.Refs) == 0 && Interlocked.CompareExchange(ref gate.Refs, -1, 0) == 0)
            _gates.TryRemove(new KeyValuePair<string, Gate>(key, gate));
    }
}
