namespace VirtualOperator.Emulator.Domain;

/// <summary>
/// The per-thread check of the lock hierarchy (<see cref="LockLevel"/>, docs/durability.md). Every keyed lock and the
/// database's write gate report here as the thread takes and leaves them; taking one out of order throws
/// <see cref="LockOrderViolation"/> before the thread waits, so the wrong nesting is found by the first test that walks it
/// rather than by two requests deadlocking. Locks are held by synchronous steps on one thread (a monitor cannot be left on
/// another), so a thread-static list is the right scope; it is a handful of entries, scanned, never allocated per call.
/// </summary>
public static class LockOrder
{
    private struct Entry
    {
        public KeyedLocks Locks;
        public string Key;
    }

    [ThreadStatic] private static Entry[]? _held;
    [ThreadStatic] private static int _count;
    [ThreadStatic] private static int _writeGates;

    /// <summary>Whether this thread holds a write gate (a unit of work that has written, or a single write).</summary>
    public static bool HoldsWriteGate => _writeGates > 0;

    /// <summary>Called before waiting for <paramref name="locks"/>' lock on <paramref name="key"/>: throws when this thread
    /// may not take it now, else records it as held.</summary>
    internal static void Entering(KeyedLocks locks, string key)
    {
        var held = _held ??= new Entry[4];
        var reentry = false;
        for (var i = 0; i < _count; i++)
            if (ReferenceEquals(held[i].Locks, locks) && held[i].Key == key) { reentry = true; break; }
        if (!reentry)
        {
            // Re-entering a lock the thread holds never waits (monitors are re-entrant), so only a new lock is checked.
            if (_writeGates > 0)
                throw new LockOrderViolation($"took the {locks.Level} lock \"{key}\" ({locks.Name}) while holding the write gate: " +
                    "take every keyed lock a change needs before its first write.");
            for (var i = 0; i < _count; i++)
                if (held[i].Locks.Level >= locks.Level)
                    throw new LockOrderViolation($"took the {locks.Level} lock \"{key}\" ({locks.Name}) while holding the " +
                        $"{held[i].Locks.Level} lock \"{held[i].Key}\" ({held[i].Locks.Name}): " +
                        "the order is partner → customer → OutBizId → write gate, one lock per level.");
        }
        if (_count == held.Length) Array.Resize(ref _held, held.Length * 2);
        _held![_count++] = new Entry { Locks = locks, Key = key };
    }

    /// <summary>Called after <paramref name="locks"/>' lock on <paramref name="key"/> was left (or never taken after <see cref="Entering"/>).</summary>
    internal static void Left(KeyedLocks locks, string key)
    {
        var held = _held;
        if (held is null) return;
        // Usually the last one; a lock held to the end of a unit of work (HoldUntilDone) may be left after later ones.
        for (var i = _count - 1; i >= 0; i--)
        {
            if (!ReferenceEquals(held[i].Locks, locks) || held[i].Key != key) continue;
            Array.Copy(held, i + 1, held, i, _count - i - 1);
            held[--_count] = default;
            return;
        }
    }

    /// <summary>The database's write gate was entered by this thread (see Storage/EmulatorDatabase).</summary>
    public static void EnteredWriteGate() => _writeGates++;

    /// <summary>The database's write gate was left by this thread.</summary>
    public static void LeftWriteGate() => _writeGates--;
}

/// <summary>A lock taken out of the order of docs/durability.md ("Lock order"): a bug in the calling code, never a client error.</summary>
public sealed class LockOrderViolation(string message)
    : InvalidOperationException("Lock order violated (docs/durability.md, \"Lock order\"): " + message);
