using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Domain;

/// <summary>
/// The one customer lock of every product (level <see cref="LockLevel.Customer"/>, docs/durability.md): the credit ledger,
/// the order desk, the lifecycle and meter steps, identity verification and every product's own per-customer step take
/// this one, so a purchase, a quota change and a renewal of one customer never interleave, whoever started them.
/// A step run here is one unit of work (<see cref="EmulatorDatabase.Atomic{T}"/>): the lock is taken first and held
/// until the unit has committed, so the next step of the customer sees this one's writes.
/// </summary>
public sealed class CustomerLocks(EmulatorDatabase db)
{
    private readonly KeyedLocks _locks = new(LockLevel.Customer, "customer");

    public T Run<T>(string customerUid, Func<T> step) => _locks.Run(customerUid, () => db.Atomic(step));

    public void Run(string customerUid, Action step) => Run(customerUid, () => { step(); return true; });

    /// <summary>How many customers' locks are held or waited for (for tests: zero when nobody holds one).</summary>
    public int LiveKeys => _locks.LiveKeys;
}
