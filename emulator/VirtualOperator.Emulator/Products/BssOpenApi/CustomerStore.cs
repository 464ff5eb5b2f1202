using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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
    // partner -> the ticks of its last stamped creation time (Stamp).
    private readonly ConcurrentDictionary<string, StrongBox<long>> _lastCreated = new(StringComparer.Ordinal);
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
            if (before is not null) _emails.Remove(before.LoginEmail.ToLowerInvariant());
            if (after is not null) _emails[after.LoginEmail.ToLowerInvariant()] = after.Id;
            // The partner's list, once built: a row that keeps its partner and creation time keeps its place; a new row takes
            // its place by (creation time, uid), almost always last (creates of a partner without a limit run side by side,
            // so they may land out of order); anything else is listed again at the next read.
            if (before is not null && after is not null && before.PartnerUid == after.PartnerUid && before.CreatedAt == after.CreatedAt) return;
            if (before is not null) _uids.Remove(before.PartnerUid);
            if (after is not null && _uids.TryGetValue(after.PartnerUid, out var list))
            {
                if (Placed(list, after) is { } placed) _uids[after.PartnerUid] = placed;
                else _uids.Remove(after.PartnerUid);
            }
        }
    }

    /// <summary>The list with <paramref name="row"/> in its place, or null when a listed row is gone (then listed again).</summary>
    private ImmutableList<string>? Placed(ImmutableList<string> list, Customer row)
    {
        if (list.Count == 0) return list.Add(row.Id);
        if (Table.Peek(list[^1]) is not { } last) return null;
        if (Sorted(last, row) < 0) return list.Add(row.Id);
        int lo = 0, hi = list.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Table.Peek(list[mid]) is not { } m) return null;
            if (Sorted(m, row) < 0) lo = mid + 1;
            else hi = mid;
        }
        return list.Insert(lo, row.Id);
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
    /// Inserts after <paramref name="check"/> passes; login e-mails are unique across every partner. The check gets the
    /// partner's customer count as a function and whether the e-mail is taken. A <paramref name="limited"/> partner (a test
    /// account: at most 20) creates one at a time, so a limit checked inside the check holds under concurrent creates.
    /// </summary>
    public Customer Create(string partnerUid, Customer customer, bool limited, Action<Func<int>, bool> check, Action<Customer>? alongside = null)
    {
        // alongside (the CustomerCreated message) commits with the customer. Do not call inside another unit.
        Customer Insert() => _db.Atomic(() =>
        {
            customer.PartnerUid = partnerUid;
            // E-mails are unique across partners, whose creates run side by side: the e-mail is reserved in the index at
            // once, under the index's lock, so another create of it is refused from here on; the reservation goes again if
            // this change does not commit (the table's own undo, or the one below before the row is written).
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
            customer.CreatedAt = Stamp(partnerUid, customer.CreatedAt);
            Table.Put(customer, insert: true);
            alongside?.Invoke(customer);
            return customer;
        });
        // The partner's lock outside the unit of work, held until the insert has committed: the next create counts this one.
        // Only a limit needs it: one lock for every create made them all wait on each other.
        return limited ? _locks.Run(partnerUid, Insert) : Insert();
    }

    /// <summary>
    /// The creation time stored for a new customer of the partner: the asked time to the millisecond (as stored), or a
    /// millisecond after the partner's last one, whichever is later. The list is ordered by creation time, then uid
    /// (random): two customers created in the same stored millisecond would list in uid order, not in the order they were
    /// created in. Taken atomically, so creates that run side by side still get times of their own.
    /// </summary>
    private DateTime Stamp(string partnerUid, DateTime asked)
    {
        var box = _lastCreated.GetOrAdd(partnerUid, p =>
            new StrongBox<long>(UidsForPartner(p) is { Count: > 0 } uids && Table.Peek(uids[^1]) is { } last ? last.CreatedAt.Ticks : 0));
        var wanted = StoredForm.Milliseconds(asked).Ticks;
        while (true)
        {
            var previous = Volatile.Read(ref box.Value);
            var next = Math.Max(wanted, previous + TimeSpan.TicksPerMillisecond);
            if (Interlocked.CompareExchange(ref box.Value, next, previous) == previous) return new DateTime(next, asked.Kind);
        }
    }

    public void OnReset(string? partnerUid)
    {
        Table.Forget(partnerUid);
        if (partnerUid is null) _lastCreated.Clear();
        else _lastCreated.TryRemove(partnerUid, out _);
    }
}
