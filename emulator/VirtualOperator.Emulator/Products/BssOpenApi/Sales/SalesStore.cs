using System.Collections.Concurrent;
using System.Security.Cryptography;
using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// Instances, orders, events and bill subscriptions of the sales area. Collections:
/// <c>salesInstances</c> (id instance id; indexes PartnerUid, CustomerUid, DueKey),
/// <c>orders</c> (id order id; indexes PartnerUid, CustomerUid, InstanceId, ClientToken),
/// <c>billSubscriptions</c> (id partner:customer:type; index PartnerUid).
/// Writers hold the customer's lock (<see cref="Budget.CreditLedger.WithCustomerLock{T}"/>).
/// Each partner's earliest due key is cached as of its last instance write (<see cref="NothingDueBy"/>): the
/// lifecycle runs before every call of every product, and almost always finds nothing due. Each partner's order list
/// is indexed by <see cref="OrderListIndex"/> once first paged.
/// </summary>
public sealed class SalesStore : IStateReset
{
    private readonly EmulatorDatabase _db;
    // Bumped after every instance write of a partner; a cached first due key is used only while its stamp is current.
    private readonly ConcurrentDictionary<string, long> _instanceWrites = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Epoch, long Writes, string? FirstKey)> _firstDue = new(StringComparer.Ordinal);
    private long _epoch;
    private readonly OrderListIndex _orderList = new();

    public SalesStore(EmulatorDatabase db)
    {
        _db = db;
        Instances.EnsureIndex(i => i.PartnerUid);
        Instances.EnsureIndex(i => i.CustomerUid);
        Instances.EnsureIndex(i => i.DueKey);
        Orders.EnsureIndex(o => o.PartnerUid);
        Orders.EnsureIndex(o => o.CustomerUid);
        Orders.EnsureIndex(o => o.InstanceId);
        Orders.EnsureIndex(o => o.ClientToken);
        Bills.EnsureIndex(b => b.PartnerUid);
    }

    private ILiteCollection<SalesInstance> Instances => _db.Collection<SalesInstance>("salesInstances");
    private ILiteCollection<Order> Orders => _db.Collection<Order>("orders");
    private ILiteCollection<BillSubscription> Bills => _db.Collection<BillSubscription>("billSubscriptions");

    // Instances.
    public SalesInstance? Instance(string id) => Instances.FindById(id);
    public void Insert(SalesInstance i)
    {
        Instances.Insert(i);
        InstanceWritten(i.PartnerUid);
    }

    public void Update(SalesInstance i)
    {
        Instances.Update(i);
        InstanceWritten(i.PartnerUid);
    }

    /// <summary>True when <see cref="DueBy"/> would find nothing: the partner's earliest due key is after
    /// <paramref name="now"/>. Stamp first, query second, so a write racing the query makes the answer stale.</summary>
    public bool NothingDueBy(string partnerUid, DateTime now)
    {
        var epoch = Interlocked.Read(ref _epoch);
        var writes = _instanceWrites.GetValueOrDefault(partnerUid);
        if (!_firstDue.TryGetValue(partnerUid, out var first) || first.Epoch != epoch || first.Writes != writes)
        {
            var key = Instances.Query()
                .Where(Query.Between(nameof(SalesInstance.DueKey), SalesInstance.DueKeyOf(partnerUid, DateTime.MinValue),
                    SalesInstance.DueKeyOf(partnerUid, DateTime.MaxValue)))
                .OrderBy(i => i.DueKey).Limit(1).ToList().FirstOrDefault()?.DueKey;
            _firstDue[partnerUid] = first = (epoch, writes, key);
        }
        return first.FirstKey is null || string.CompareOrdinal(first.FirstKey, SalesInstance.DueKeyOf(partnerUid, now)) > 0;
    }

    public void OnReset(string? partnerUid)
    {
        _orderList.Forget(partnerUid);
        Interlocked.Increment(ref _epoch);
        if (partnerUid is null) _firstDue.Clear();
        else _firstDue.TryRemove(partnerUid, out _);
    }

    // After the commit: a stamp bumped before it would let a query that cannot see the write yet be cached as current.
    private void InstanceWritten(string partnerUid) =>
        _db.AfterCommit(() => _instanceWrites.AddOrUpdate(partnerUid, 1, (_, n) => n + 1));

    /// <summary>The partner's instances, optionally one customer's, oldest first.</summary>
    public IReadOnlyList<SalesInstance> InstancesOf(string partnerUid, string? customerUid, string kind) =>
        Instances.Find(i => i.PartnerUid == partnerUid && i.Kind == kind)
            .Where(i => customerUid is null || i.CustomerUid == customerUid)
            .OrderBy(i => i.CreateTime).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();

    /// <summary>The partner's instances with a lifecycle step due at or before <paramref name="now"/> (one index range).</summary>
    public IReadOnlyList<SalesInstance> DueBy(string partnerUid, DateTime now) =>
        Instances.Find(Query.Between(nameof(SalesInstance.DueKey), SalesInstance.DueKeyOf(partnerUid, DateTime.MinValue),
            SalesInstance.DueKeyOf(partnerUid, now))).ToList();

    public string NewInstanceId(string prefix)
    {
        const string chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        while (true)
        {
            var id = prefix + "-" + RandomNumberGenerator.GetString(chars, 20);
            if (Instances.FindById(id) is null) return id;
        }
    }

    // Orders.
    public Order? Order(string id) => Orders.FindById(id);
    public void Insert(Order o)
    {
        Orders.Insert(o);
        // Listed once durable: a page never shows an order that a crash or a rollback could still take back.
        _db.AfterCommit(() => _orderList.Added(o));
    }
    public void Update(Order o) => Orders.Update(o);

    public Order? OrderByToken(string customerUid, string clientToken) =>
        Orders.FindOne(o => o.ClientToken == clientToken && o.CustomerUid == customerUid);

    public IReadOnlyList<Order> OrdersOf(string partnerUid, string? customerUid) =>
        Orders.Find(o => o.PartnerUid == partnerUid).Where(o => customerUid is null || o.CustomerUid == customerUid).ToList();

    /// <summary>One page of the partner's orders (or one customer's), newest first, and how many there are in all,
    /// without reading the others (<see cref="OrderListIndex"/>).</summary>
    public (IReadOnlyList<Order> Orders, int Total) OrdersPage(string partnerUid, string? customerUid, int num, int size)
    {
        var (ids, total) = _orderList.Page(partnerUid, customerUid, num, size, () =>
            Orders.Query().Where(o => o.PartnerUid == partnerUid)
                .Select(o => new { o.CreateTime, o.Id, o.CustomerUid }).ToEnumerable()
                .Select(o => OrderListIndex.Key.Of(o.CreateTime, o.Id, o.CustomerUid)));
        return (ids.Select(Order).OfType<Order>().ToList(), total);
    }

    public IReadOnlyList<Order> OrdersOfInstance(string instanceId) => Orders.Find(o => o.InstanceId == instanceId).ToList();

    public string NewOrderId()
    {
        while (true)
        {
            var id = (200000000000000L + RandomNumberGenerator.GetInt32(int.MaxValue) * 4096L + RandomNumberGenerator.GetInt32(4096))
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Orders.FindById(id) is null) return id;
        }
    }

    // Bill subscriptions.
    public void Upsert(BillSubscription b) => Bills.Upsert(b);
    public bool DeleteBill(string id) => Bills.Delete(id);
    public IReadOnlyList<BillSubscription> BillsOf(string partnerUid) =>
        Bills.Find(b => b.PartnerUid == partnerUid).OrderBy(b => b.SubscribedAt).ToList();
}
