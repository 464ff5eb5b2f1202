namespace VirtualOperator.Emulator.Domain;

/// <summary>
/// Where a <see cref="KeyedLocks"/> sits in the one lock hierarchy (docs/durability.md, "Lock order"). A thread takes
/// locks outermost first: a lock may be taken only while every lock the thread holds is of a lower level (or is the very
/// same lock and key again), and no keyed lock once the thread holds the database's write gate. <see cref="LockOrder"/>
/// checks it on every acquisition and throws, so a wrong nesting fails in a test instead of deadlocking under load.
/// </summary>
public enum LockLevel
{
    /// <summary>Per-partner work: the due-work sweeps, the customer-count limit, a partner's service numbers.</summary>
    Partner = 1,

    /// <summary>One customer's money and what it buys: <see cref="CustomerLocks"/>, the one customer lock of every product.</summary>
    Customer = 2,

    /// <summary>One key's check-then-write, innermost: an OutBizId, a sign-in token, a ticket.</summary>
    OutBizId = 3,
}
