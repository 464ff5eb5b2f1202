using System.Collections.Concurrent;
using LiteDB;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi;

/// <summary>
/// Customers of partners. Collection <c>customers</c>: id = customer uid; indexes PartnerUid, LoginEmail.
/// Each partner's ordered uid list is cached (GetCustomerList sits on every CI run's hot path, and a LiteDB
/// query deserializing every customer cost more than the rest of the request); every write through this store
/// and every reset invalidates it.
/// </summary>
public sealed class CustomerStore : IStateReset
{
    private readonly EmulatorDatabase _db;
    private readonly KeyedLocks _locks = new(LockLevel.Partner, "customer creation");
    // Bumped after every write of a partner's customers; a cached list is used only while its stamp is current.
    private readonly ConcurrentDictionary<string, long> _generation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UidList> _uids = new(StringComparer.Ordinal);
    private long _epoch;

    // Which partner a customer belongs to never changes (customers are only removed by resets, which bump the epoch),
    // so the budget and sales writes that check it on every call ask this instead of LiteDB.
    private readonly ConcurrentDictionary<string, Owner> _owners = new(StringComparer.Ordinal);

    private sealed record UidList(long Epoch, long Generation, string[] Uids);

    private sealed record Owner(long Epoch, string PartnerUid);

    public CustomerStore(EmulatorDatabase db)
    {
        _db = db;
        Customers.EnsureIndex(c => c.PartnerUid);
        Customers.EnsureIndex(c => c.LoginEmail);
        // Login e-mails are unique ignoring case; the store compares strings byte for byte (schema 2), so by this index.
        Customers.EnsureIndex("LoginEmailLower", EmailKey);
    }

    private ILiteCollection<Customer> Customers => _db.Collection<Customer>("customers");

    private const string EmailKey = "LOWER($.LoginEmail)";

    public IReadOnlyList<Customer> ListForPartner(string partnerUid) =>
        Customers.Find(c => c.PartnerUid == partnerUid).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToList();

    /// <summary>The uids of the partner's customers, oldest first (then by uid), as <see cref="ListForPartner"/> orders them.</summary>
    public IReadOnlyList<string> UidsForPartner(string partnerUid)
    {
        // Stamp first, query second: a write that lands after the stamp was read makes the stamp stale, so a
        // list that may miss that write is never served again.
        var epoch = Interlocked.Read(ref _epoch);
        var generation = _generation.GetValueOrDefault(partnerUid);
        if (_uids.TryGetValue(partnerUid, out var cached) && cached.Epoch == epoch && cached.Generation == generation) return cached.Uids;
        var uids = ListForPartner(partnerUid).Select(c => c.Id).ToArray();
        _uids[partnerUid] = new UidList(epoch, generation, uids);
        return uids;
    }

    public Customer? Get(string customerUid) => Customers.FindById(customerUid);

    /// <summary>A customer of this partner, or null (also when it belongs to another partner).</summary>
    public Customer? GetForPartner(string partnerUid, string customerUid) =>
        Get(customerUid) is { } c && c.PartnerUid == partnerUid ? c : null;

    /// <summary>Whether <paramref name="customerUid"/> is one of the partner's customers: <see cref="GetForPartner"/> without the document.</summary>
    public bool IsCustomerOf(string partnerUid, string customerUid)
    {
        var epoch = Interlocked.Read(ref _epoch);
        if (_owners.TryGetValue(customerUid, out var known) && known.Epoch == epoch) return known.PartnerUid == partnerUid;
        if (Get(customerUid) is not { } c) return false;
        _owners[customerUid] = new Owner(epoch, c.PartnerUid);
        return c.PartnerUid == partnerUid;
    }

    public void Update(Customer customer)
    {
        Customers.Update(customer);
        Changed(customer.PartnerUid);
    }

    /// <summary>
    /// Inserts under the partner's lock after <paramref name="check"/> passes, so a limit or a uniqueness rule
    /// checked inside it holds under concurrent creates; login e-mails are unique across every partner.
    /// The check gets the partner's customer count as a function: counting walks the partner's index entries,
    /// so only a check that needs it (a test account's limit) pays for it.
    /// </summary>
    public Customer Create(string partnerUid, Customer customer, Action<Func<int>, bool> check, Action<Customer>? alongside = null) =>
        // The lock outside the unit of work, so it is held until the insert has committed: the next create counts this
        // customer. alongside (the CustomerCreated message) commits with it. Do not call inside another unit.
        _locks.Run("customers", () => _db.Atomic(() =>
    {
        var emailTaken = Customers.Exists(BsonExpression.Create(EmailKey + " = @0", customer.LoginEmail.ToLowerInvariant()));
        check(() => Customers.Count(c => c.PartnerUid == partnerUid), emailTaken);
        customer.PartnerUid = partnerUid;
        Customers.Insert(customer);
        Changed(partnerUid);
        alongside?.Invoke(customer);
        return customer;
    }));

    public void OnReset(string? partnerUid)
    {
        Interlocked.Increment(ref _epoch);
        if (partnerUid is null)
        {
            _uids.Clear();
            _owners.Clear();
        }
        else
        {
            _uids.TryRemove(partnerUid, out _);
        }
    }

    // After the commit: a generation bumped before it would let a list that cannot see the write yet be cached as current.
    private void Changed(string partnerUid) => _db.AfterCommit(() => _generation.AddOrUpdate(partnerUid, 1, (_, g) => g + 1));
}
