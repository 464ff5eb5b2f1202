using System.Collections.Concurrent;
using System.Collections.Immutable;
using LiteDB;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Protocol.Errors;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// The one place money moves: customer credit per currency, and what purchases consume from it.
/// Collections: <c>credits</c> (id customer:currency; index PartnerUid), <c>customerStatus</c> (id customer uid; index PartnerUid).
/// Every change runs under the customer's lock and either applies whole or not at all; after each one the
/// customer's low-quota alarm rules are checked (<see cref="BudgetAlarms"/>), whoever moved the money.
/// Sales (orders) call <see cref="Charge"/> and <see cref="Refund"/>; the budget actions call the rest.
/// <para>
/// The ledgers live in memory (loaded once, at start) and every read is answered from there; each change replaces
/// the customer's ledger with a new object (a reader never sees one half-changed) and writes it through
/// <see cref="EmulatorDatabase.Persist{T}"/> (to the file with <c>--data</c>). Quota changes are the hottest write of
/// a CI run, and reading and updating them in LiteDB was most of their cost (docs/performance.md, change 10).
/// </para>
/// </summary>
public sealed partial class CreditLedger : IStateReset
{
    private const string CreditsCollection = "credits";

    private readonly EmulatorDatabase _db;
    private readonly BudgetAlarms _alarms;
    private readonly CustomerLocks _locks;
    // customer uid -> currency -> ledger. Replaced (never changed in place) under the customer's lock.
    private readonly ConcurrentDictionary<string, ImmutableSortedDictionary<string, CustomerCredit>> _ledgers = new(StringComparer.Ordinal);

    public CreditLedger(EmulatorDatabase db, BudgetAlarms alarms, CustomerLocks locks)
    {
        _db = db;
        _alarms = alarms;
        _locks = locks;
        // Only resets look ledgers up in the store (by partner); every other read is answered from memory.
        Credits.EnsureIndex(c => c.PartnerUid);
        Statuses.EnsureIndex(s => s.PartnerUid);
        Load();
    }

    private ILiteCollection<CustomerCredit> Credits => _db.Collection<CustomerCredit>(CreditsCollection);
    private ILiteCollection<CustomerStatus> Statuses => _db.Collection<CustomerStatus>("customerStatus");

    // Uids of the customers that have a status record (most never do): every charge and every write of a customer asks
    // IsStopped, and a LiteDB look-up per call was a tenth of a paid order's cost. Added before the record is written
    // (a uid here only means "look it up"), read again from the store after a reset (a bundle import writes records).
    private readonly ConcurrentDictionary<string, byte> _withStatus = new(StringComparer.Ordinal);

    private void LoadStatusIds()
    {
        _withStatus.Clear();
        foreach (var doc in _db.Db.GetCollection("customerStatus").Query().Select("{_id}").ToEnumerable()) _withStatus[doc["_id"].AsString] = 0;
    }

    private void Load()
    {
        LoadStatusIds();
        foreach (var customer in Credits.FindAll().GroupBy(c => c.CustomerUid, StringComparer.Ordinal))
            _ledgers[customer.Key] = customer.ToImmutableSortedDictionary(c => c.Currency, c => c, StringComparer.Ordinal);
    }

    /// <summary>A reset deleted ledgers from the store: forget them here too.</summary>
    public void OnReset(string? partnerUid)
    {
        LoadStatusIds();
        if (partnerUid is null)
        {
            _ledgers.Clear();
            return;
        }
        foreach (var (customer, ledgers) in _ledgers)
            if (ledgers.Values.Any(l => l.PartnerUid == partnerUid)) _ledgers.TryRemove(customer, out _);
    }

    /// <summary>Runs <paramref name="action"/> under the customer's lock (<see cref="CustomerLocks"/>, the one every product
    /// takes): use it to make a charge and a write (an order) one step.</summary>
    /// <remarks>The step is one unit of work (<see cref="EmulatorDatabase.Atomic{T}"/>): everything it writes commits together.</remarks>
    public T WithCustomerLock<T>(string customerUid, Func<T> action) => Locked(customerUid, action);

    private T Locked<T>(string customerUid, Func<T> action) => _locks.Run(customerUid, action);

    public CustomerCredit? Get(string customerUid, string currency) =>
        _ledgers.TryGetValue(customerUid, out var ledgers) ? ledgers.GetValueOrDefault(currency) : null;

    /// <summary>The customer's ledgers, by currency.</summary>
    public IReadOnlyList<CustomerCredit> ForCustomer(string customerUid) =>
        _ledgers.TryGetValue(customerUid, out var ledgers) ? [.. ledgers.Values] : [];

    public bool IsStopped(string customerUid) => _withStatus.ContainsKey(customerUid) && (Statuses.FindById(customerUid)?.Stopped ?? false);

    public CustomerStatus? Status(string customerUid) => _withStatus.ContainsKey(customerUid) ? Statuses.FindById(customerUid) : null;

    public void SetStatus(string partnerUid, string customerUid, string status, bool stopped, DateTimeOffset now) =>
        Locked(customerUid, () =>
        {
            _withStatus[customerUid] = 0;
            return Statuses.Upsert(new CustomerStatus
                { Id = customerUid, PartnerUid = partnerUid, Status = status, Stopped = stopped, UpdatedAt = now.UtcDateTime });
        });

    /// <summary>
    /// SetResellerUserStatus: <c>FREEZE</c> with <c>Freeze</c>/<c>Thaw</c> stops or resumes purchases;
    /// <c>TRUSTEESHIP</c> with <c>Trusteeship</c>/<c>TrusteeshipCancel</c> only records hosting.
    /// </summary>
    public CustomerStatus ApplyStatus(string partnerUid, string customerUid, CustomerStatusChange change, string? stopMode, DateTimeOffset now) =>
        Locked(customerUid, () =>
        {
            var s = Statuses.FindById(customerUid) ?? new CustomerStatus { Id = customerUid, PartnerUid = partnerUid };
            switch (change)
            {
                case CustomerStatusChange.Freeze: s.Stopped = true; s.Status = "Freeze"; s.StopMode = stopMode; break;
                case CustomerStatusChange.Thaw: s.Stopped = false; s.Status = "Normal"; s.StopMode = null; break;
                case CustomerStatusChange.Trusteeship: s.Hosted = true; break;
                case CustomerStatusChange.TrusteeshipCancel: s.Hosted = false; break;
            }
            s.UpdatedAt = now.UtcDateTime;
            _withStatus[customerUid] = 0;
            Statuses.Upsert(s);
            return s;
        });

    /// <summary>CreateResellerUserQuota: opens the quota and consumption ledger; -303 when it exists already.</summary>
    public CustomerCredit CreateQuota(string partnerUid, string customerUid, string currency, decimal quota, DateTimeOffset now) =>
        Locked(customerUid, () =>
        {
            if (Get(customerUid, currency) is not null) throw BudgetErrors.RecordExists();
            return SetQuota(partnerUid, customerUid, currency, quota, now);
        });

    /// <summary>Creates or replaces the granted quota; consumption is kept.</summary>
    public CustomerCredit SetQuota(string partnerUid, string customerUid, string currency, decimal quota, DateTimeOffset now) =>
        Locked(customerUid, () =>
        {
            var c = Get(customerUid, currency)?.Copy() ?? new CustomerCredit
            {
                Id = CustomerCredit.KeyOf(customerUid, currency), PartnerUid = partnerUid, CustomerUid = customerUid,
                Currency = currency, CreatedAt = now.UtcDateTime,
            };
            c.Quota = quota;
            c.UpdatedAt = now.UtcDateTime;
            return Store(c, now);
        });

    /// <summary>
    /// ChangeResellerConsumeAmount: <c>increase</c> records consumption that happened (it is not a purchase, so it is
    /// applied even past the quota or for a stopped customer [I]); <c>decrease</c> gives consumption back, never below zero.
    /// </summary>
    public CustomerCredit ChangeConsumption(string customerUid, string currency, bool increase, decimal amount, DateTimeOffset now) =>
        Locked(customerUid, () =>
        {
            var c = Get(customerUid, currency) ?? throw BudgetErrors.NoQuota(customerUid, currency);
            if (!increase && amount > c.Consumed) throw BudgetErrors.ConsumptionBelowZero(c.Consumed, amount, currency);
            return Consume(c, increase ? amount : -amount, now);
        });

    /// <summary>SetResellerUserAlarmThreshold: replaces the rules and checks them at once against every ledger of the customer.</summary>
    public void SetAlarmThresholds(string partnerUid, string customerUid, string alarmType, IReadOnlyList<AlarmThreshold> thresholds, DateTimeOffset now) =>
        Locked(customerUid, () => { _alarms.Replace(partnerUid, customerUid, alarmType, thresholds, ForCustomer(customerUid), now); return true; });

    /// <summary>
    /// Consumes <paramref name="amount"/> for a purchase. Throws when the customer is stopped or the
    /// available credit does not cover it; then nothing changes. Call inside <see cref="WithCustomerLock"/>
    /// when the purchase writes more than the charge.
    /// </summary>
    public CustomerCredit Charge(string partnerUid, string customerUid, string currency, decimal amount, DateTimeOffset now) =>
        Locked(customerUid, () =>
        {
            if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount));
            if (IsStopped(customerUid)) throw BudgetErrors.CustomerStopped(customerUid);
            var c = Get(customerUid, currency);
            var available = c?.Available ?? 0m;
            if (amount > available) throw BudgetErrors.InsufficientQuota(amount, available, currency);
            if (c is null) return new CustomerCredit { CustomerUid = customerUid, PartnerUid = partnerUid, Currency = currency };
            return Consume(c, amount, now);
        });

    /// <summary>Gives back what a cancelled or refunded purchase consumed.</summary>
    public CustomerCredit Refund(string partnerUid, string customerUid, string currency, decimal amount, DateTimeOffset now) =>
        Locked(customerUid, () =>
        {
            var c = Get(customerUid, currency) ?? throw BudgetErrors.NoQuota(customerUid, currency);
            return Consume(c, -amount, now);
        });

    /// <summary>The one way consumption changes: stored, then checked against the alarm rules. Call under the customer's lock.</summary>
    private CustomerCredit Consume(CustomerCredit current, decimal delta, DateTimeOffset now)
    {
        var c = current.Copy();
        c.Consumed += delta;
        c.UpdatedAt = now.UtcDateTime;
        return Store(c, now);
    }

    /// <summary>Puts the new ledger in place of the old one, persists it, then checks the alarm rules. Under the customer's lock.</summary>
    private CustomerCredit Store(CustomerCredit c, DateTimeOffset now)
    {
        var had = _ledgers.TryGetValue(c.CustomerUid, out var ledgers);
        _ledgers[c.CustomerUid] = had
            ? ledgers!.SetItem(c.Currency, c)
            : ImmutableSortedDictionary.Create<string, CustomerCredit>(StringComparer.Ordinal).Add(c.Currency, c);
        // A change rolled back (the order it paid for failed, the process could not commit) leaves memory as it was.
        _db.OnRollback(() =>
        {
            if (had) _ledgers[c.CustomerUid] = ledgers!;
            else _ledgers.TryRemove(c.CustomerUid, out _);
        });
        _db.Persist(CreditsCollection, c);
        _alarms.Evaluate(c, now);
        return c;
    }
}
