using System.Collections.Concurrent;
using System.Collections.Immutable;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi;

/// <summary>
/// Customers of partners, kept in memory (<see cref="MemoryTable{T}"/>; with <c>--data</c> also in the collection
/// <c>customers</c>: id = customer uid; indexes PartnerUid, LoginEmail) and every read is answered from there: a new
/// customer cost three indexed LiteDB look-ups and an insert under the write gate (docs/performance.md, change 14).
/// Kept beside the rows: each partner's uid list in creation order (GetCustomerList sits on every CI run's hot path)
/// and the login e-mails (unique ignoring case across every partner).
/// </summary>
public sealed class CustomerStore : IStateReset
{
    private readonly EmulatorDatabase _db;
    private readonly KeyedLocks _locks = new(LockLevel.Partner, "customer creation");
    private readonly object _indexGate = new();
    // partner -> its uids, oldest first (then by uid); replaced, never changed in place, under _indexGate. Immutable lists:
    // a new customer is appended in O(log n) (copying an array of 100,000 uids per create made creates O(n)).
    private readonly Dictionary<string, ImmutableList<string>> _uids = new(StringComparer.Ordinal);
    // lower-case login e-mail -> customer uid, under _indexGate.
    private readonly Dictionary<string, string> _emails = new(StringComparer.Ordinal);

    internal MemoryTable<Customer> Table { get; }

    public CustomerStore(EmulatorDatabase db)
    {
        _db = db;
        Table = new MemoryTable<Customer>(db, "customers", c => c.Id, c => c.PartnerUid, c => c.Copy()) { Changed = Changed };
        if (db.IsDurable)
        {
            // Kept for data files and older tools that query them.
            var stored = db.Collection<Customer>("customers");
            stored.EnsureIndex(c => c.PartnerUid);
            stored.EnsureIndex(c => c.LoginEmail);
            stored.EnsureIndex("LoginEmailLower", "LOWER($.LoginEmail)");
        }
        Table.Load();
    }

    private void Changed(Customer? before, Customer? after)
    {
        lock (_indexGate)
        {
            if (before is not null)
            {
                _emails.Remove(before.LoginEmail.ToLowerInvariant());
                _uids.Remove(before.PartnerUid); // listed again at the next read
            }
            if (after is not null)
            {
                _emails[after.LoginEmail.ToLowerInvariant()] = after.Id;
                // A new customer sorts last (the common case): appended. Anything else: listed again at the next read.
                var last = _uids.TryGetValue(after.PartnerUid, out var list) && list.Count > 0 ? Table.Peek(list[^1]) : null;
                if (last is not null && Sorted(last, after) < 0) _uids[after.PartnerUid] = list!.Add(after.Id);
                else _uids.Remove(after.PartnerUid);
            }
        }
    }

    private static int Sorted(Customer a, Customer b)
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }

    public IReadOnlyList<Customer> ListForPartner(string partnerUid) =>
        UidsForPartner(partnerUid).Select(Table.Get).OfType<Customer>().ToList();

    /// <summary>The uids of the partner's customers, oldest first (then by uid), as <see cref="ListForPartner"/> orders them.</summary>
    public IReadOnlyList<string> UidsForPartner(string partnerUid)
    {
        lock (_indexGate)
        {
            if (_uids.TryGetValue(partnerUid, out var list)) return list;
            var rows = Table.PeekPartner(partnerUid).ToList();
            rows.Sort(Sorted);
            return _uids[partnerUid] = ImmutableList.CreateRange(rows.Select(c => c.Id));
        }
    }

    public Customer? Get(string customerUid) => Table.Get(customerUid);

    /// <summary>A customer of this partner, or null (also when it belongs to another partner).</summary>
    public Customer? GetForPartner(string partnerUid, string customerUid) =>
        Table.Peek(customerUid) is { } c && c.PartnerUid == partnerUid ? Table.Get(customerUid) : null;

    /// <summary>Whether <paramref name="customerUid"/> is one of the partner's customers: <see cref="GetForPartner"/> without the copy.</summary>
    public bool IsCustomerOf(string partnerUid, string customerUid) => Table.Peek(customerUid)?.PartnerUid == partnerUid;

    public void Update(Customer customer) => Table.Put(customer, insert: false);

    /// <summary>
    /// Inserts under the partner's lock after <paramref name="check"/> passes, so a limit checked inside it holds under
    /// concurrent creates; login e-mails are unique across every partner. The check gets the partner's customer count as a
    /// function (only a test account's limit needs it) and whether the e-mail is taken.
    /// </summary>
    public Customer Create(string partnerUid, Customer customer, Action<Func<int>, bool> check, Action<Customer>? alongside = null) =>
        // The partner's lock (one lock for every partner made all partners' creates wait on each other) outside the unit of
        // work, so it is held until the insert has committed: the partner's next create counts this customer and lists it
        // after this one. alongside (the CustomerCreated message) commits with it. Do not call inside another unit.
        _locks.Run(partnerUid, () => _db.Atomic(() =>
    {
        customer.PartnerUid = partnerUid;
        // E-mails are unique across partners, whose creates run side by side: the e-mail is reserved in the index at once,
        // under the index's lock, so a create of the same e-mail for another partner is refused from here on; the
        // reservation goes again if this change does not commit (the table's own undo, or the one below before the row).
        var email = customer.LoginEmail.ToLowerInvariant();
        bool emailTaken;
        lock (_indexGate) emailTaken = !_emails.TryAdd(email, customer.Id);
        if (!emailTaken)
            _db.OnRollback(() =>
            {
                lock (_indexGate)
                    if (_emails.TryGetValue(email, out var holder) && holder == customer.Id) _emails.Remove(email);
            });
        check(() => Table.CountOf(partnerUid), emailTaken);
        // The list is ordered by creation time, then uid (random): two customers created in the same stored millisecond
        // would list in uid order, not the order they were created in. Keep creation order: a millisecond apart.
        if (UidsForPartner(partnerUid) is { Count: > 0 } uids && Table.Peek(uids[^1]) is { } last
            && StoredForm.Milliseconds(customer.CreatedAt) <= last.CreatedAt)
            customer.CreatedAt = last.CreatedAt.AddMilliseconds(1);
        Table.Put(customer, insert: true);
        alongside?.Invoke(customer);
        return customer;
    }));

    public void OnReset(string? partnerUid) => Table.Forget(partnerUid);
}
