using System.Collections.Concurrent;
using System.Security.Cryptography;
using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// Instances, orders, events and bill subscriptions of the sales area. Orders and instances live in memory
/// (<see cref="MemoryTable{T}"/>; with <c>--data</c> also in the collections <c>salesInstances</c> and <c>orders</c>, each
/// document naming its PartnerUid) and every read is answered from there; bill subscriptions are in LiteDB
/// (<c>billSubscriptions</c>, id partner:customer:type; index PartnerUid).
/// Writers hold the customer's lock (<see cref="Budget.CreditLedger.WithCustomerLock{T}"/>).
/// Kept beside the rows, under the tables' own locks: each partner's due keys in order (the lifecycle runs before every
/// call of every product and almost always finds nothing due: one look at the first key), ClientTokens, each
/// instance's orders; and each partner's order list (<see cref="OrderListIndex"/>), once first paged.
/// </summary>
public sealed class SalesStore : IStateReset
{
    private readonly EmulatorDatabase _db;
    private readonly OrderListIndex _orderList;
    private static readonly DueComparer ByDue = new();

    // partner -> (UTC ticks of NextDueAt, instance id) of each instance that has a next step, earliest first: the order of
    // their DueKeys (which are the partner and that time), without a string per instance.
    private readonly Dictionary<string, SortedSet<(long DueTicks, string Id)>> _due = new(StringComparer.Ordinal);
    // customer \n ClientToken -> order id; instance id -> its order id, or a List<string> of them when it has more than
    // one (most have one: a list each cost 88 bytes per order). Under _indexGate.
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _ordersOfInstance = new(StringComparer.Ordinal);
    private readonly object _indexGate = new();
    // One string object per partner and customer uid, shared by every row that names it (a uid parsed from each request
    // is a new string: 100,000 orders held 200,000 copies of a few uids).
    private readonly ConcurrentDictionary<string, string> _uids = new(StringComparer.Ordinal);

    internal MemoryTable<SalesInstance> InstanceTable { get; }
    internal MemoryTable<Order> OrderTable { get; }

    public SalesStore(EmulatorDatabase db)
    {
        _db = db;
        Bills.EnsureIndex(b => b.PartnerUid);
        InstanceTable = new MemoryTable<SalesInstance>(db, "salesInstances", i => i.Id, i => i.PartnerUid, i => i.Copy(), share: Share)
            { Changed = InstanceChanged };
        OrderTable = new MemoryTable<Order>(db, "orders", o => o.Id, o => o.PartnerUid, o => o.Copy(), o =>
        {
            StoredForm<Order>.Apply(o);
            o.Modules.ForEach(StoredForm<OrderModule>.Apply);
        }, Share) { Changed = OrderChanged };
        _orderList = new OrderListIndex(id => OrderTable.Peek(id) is { } o ? OrderListIndex.Facets.Of(o) : null);
        InstanceTable.Load();
        OrderTable.Load();
    }

    private ILiteCollection<BillSubscription> Bills => _db.Collection<BillSubscription>("billSubscriptions");

    private string Uid(string uid) => uid is null ? null! : _uids.GetOrAdd(uid, uid);

    private static string S(string s) => SharedStrings.Of(s)!;

    // What a stored row keeps: one string per uid and per low-cardinality value (docs/performance.md, "Memory per order").
    private void Share(SalesInstance i)
    {
        i.PartnerUid = Uid(i.PartnerUid);
        i.CustomerUid = Uid(i.CustomerUid);
        (i.Kind, i.ProductCode, i.ProductType, i.SubscriptionType, i.Region, i.Currency) =
            (S(i.Kind), S(i.ProductCode), S(i.ProductType), S(i.SubscriptionType), S(i.Region), S(i.Currency));
        (i.Status, i.SubStatus, i.RenewStatus, i.RenewalDurationUnit) = (S(i.Status), S(i.SubStatus), S(i.RenewStatus), S(i.RenewalDurationUnit));
        (i.PackageType, i.Specification) = (SharedStrings.Of(i.PackageType), SharedStrings.Of(i.Specification));
        // A kept row is never changed (readers get copies), so rows with the same configuration can share one.
        if (i.Config is { Count: > 0 } config)
            i.Config = _configs.Of(string.Join('\u0001', config.Select(c => c.Key + '\u0002' + c.Value)), _ =>
            {
                var shared = new Dictionary<string, string>(config.Count, StringComparer.Ordinal);
                foreach (var (k, v) in config) shared[S(k)] = S(v);
                return shared;
            });
        i.ShareDueKey();
    }

    private void Share(Order o)
    {
        o.PartnerUid = Uid(o.PartnerUid);
        o.CustomerUid = Uid(o.CustomerUid);
        o.Operator = Uid(o.Operator); // the customer or the partner, or "system"
        (o.ProductCode, o.ProductType, o.SubscriptionType, o.OrderType, o.Region, o.Currency, o.PaymentStatus) =
            (S(o.ProductCode), S(o.ProductType), S(o.SubscriptionType), S(o.OrderType), S(o.Region), S(o.Currency), S(o.PaymentStatus));
        (o.Config, o.OriginalConfig) = (S(o.Config), SharedStrings.Of(o.OriginalConfig));
        // Only a ClientToken's retry compares the digest (OrderDesk.Place): without one it is never read.
        if (o.ClientToken is null) o.RequestDigest = null;
        if (o.Modules is { Count: > 0 } modules)
            o.Modules = _modules.Of(string.Join('\u0001', modules.Select(m => $"{m.Code}\u0002{m.Name}\u0002{m.Value}\u0002{m.OriginalValue is null}{m.OriginalValue}")), _ =>
                modules.ConvertAll(m => new OrderModule { Code = S(m.Code), Name = S(m.Name), Value = S(m.Value), OriginalValue = SharedStrings.Of(m.OriginalValue) }));
    }

    // Kept rows' configurations and module lists by content, shared by every row that has the same.
    private readonly SharedPool<Dictionary<string, string>> _configs = new();
    private readonly SharedPool<List<OrderModule>> _modules = new();

    private static long DueTicks(SalesInstance i) => Wire.Utc(i.NextDueAt).Ticks;

    private void InstanceChanged(SalesInstance? before, SalesInstance? after)
    {
        lock (_indexGate)
        {
            if (before is not null && _due.TryGetValue(before.PartnerUid, out var was)) was.Remove((DueTicks(before), before.Id));
            if (after is not null && after.NextDueAt != DateTime.MaxValue)
            {
                if (!_due.TryGetValue(after.PartnerUid, out var mine)) _due[after.PartnerUid] = mine = new SortedSet<(long, string)>(ByDue);
                mine.Add((DueTicks(after), after.Id));
            }
        }
    }

    private void OrderChanged(Order? before, Order? after)
    {
        lock (_indexGate)
        {
            if (before is not null)
            {
                // Gone (a rolled-back insert, a reset): out of a list index built while it was there.
                if (after is null) _orderList.Removed(before.PartnerUid, OrderListIndex.Key.Of(before));
                if (before.ClientToken is { } t) _tokens.Remove(before.CustomerUid + "\n" + t);
                if (_ordersOfInstance.TryGetValue(before.InstanceId, out var ids))
                {
                    if (ids is List<string> list) list.Remove(before.Id);
                    else if ((string)ids == before.Id) _ordersOfInstance.Remove(before.InstanceId);
                }
            }
            if (after is not null)
            {
                if (after.ClientToken is { } t) _tokens[after.CustomerUid + "\n" + t] = after.Id;
                if (!_ordersOfInstance.TryGetValue(after.InstanceId, out var ids)) _ordersOfInstance[after.InstanceId] = after.Id;
                else if (ids is List<string> list) list.Add(after.Id);
                else _ordersOfInstance[after.InstanceId] = new List<string> { (string)ids, after.Id };
            }
        }
        // A write that changes what QueryOrders filters on (an unpaid order paid or cancelled, or that change undone).
        if (before is not null && after is not null)
            _orderList.Moved(after.PartnerUid, OrderListIndex.Key.Of(after), OrderListIndex.Facets.Of(before), OrderListIndex.Facets.Of(after));
    }

    private sealed class DueComparer : IComparer<(long DueTicks, string Id)>
    {
        public int Compare((long DueTicks, string Id) x, (long DueTicks, string Id) y)
        {
            var c = x.DueTicks.CompareTo(y.DueTicks);
            return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
        }
    }

    // Instances.
    public SalesInstance? Instance(string id) => InstanceTable.Get(id);
    public void Insert(SalesInstance i) => InstanceTable.Put(i, insert: true);
    public void Update(SalesInstance i) => InstanceTable.Put(i, insert: false);

    /// <summary>True when <see cref="DueBy"/> would find nothing: the partner's earliest due key is after <paramref name="now"/>.</summary>
    public bool NothingDueBy(string partnerUid, DateTime now)
    {
        lock (_indexGate)
            return !_due.TryGetValue(partnerUid, out var keys) || keys.Count == 0
                || keys.Min.DueTicks > Wire.Utc(now).Ticks;
    }

    public void OnReset(string? partnerUid)
    {
        _orderList.Forget(partnerUid);
        InstanceTable.Forget(partnerUid);
        OrderTable.Forget(partnerUid);
    }

    /// <summary>The partner's instances, optionally one customer's, oldest first.</summary>
    public IReadOnlyList<SalesInstance> InstancesOf(string partnerUid, string? customerUid, string kind) =>
        InstanceTable.PeekPartner(partnerUid).Where(i => i.Kind == kind && (customerUid is null || i.CustomerUid == customerUid))
            .OrderBy(i => i.CreateTime).ThenBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Copy()).ToList();

    /// <summary>The partner's instances with a lifecycle step due at or before <paramref name="now"/>, earliest first.</summary>
    public IReadOnlyList<SalesInstance> DueBy(string partnerUid, DateTime now)
    {
        var until = Wire.Utc(now).Ticks;
        List<string> ids;
        lock (_indexGate)
            ids = _due.TryGetValue(partnerUid, out var keys)
                ? keys.TakeWhile(k => k.DueTicks <= until).Select(k => k.Id).ToList() : [];
        return ids.Select(InstanceTable.Get).OfType<SalesInstance>().ToList();
    }

    public string NewInstanceId(string prefix)
    {
        const string chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        while (true)
        {
            var id = prefix + "-" + RandomNumberGenerator.GetString(chars, 20);
            if (!InstanceTable.Contains(id)) return id;
        }
    }

    // Orders.
    public Order? Order(string id) => OrderTable.Get(id);
    public void Insert(Order o)
    {
        OrderTable.Put(o, insert: true);
        // Listed once durable: a page never shows an order that a crash or a rollback could still take back.
        var key = OrderListIndex.Key.Of(o.CreateTime, o.Id, Uid(o.CustomerUid));
        _db.AfterCommit(() => _orderList.Added(o.PartnerUid, key));
    }
    public void Update(Order o) => OrderTable.Put(o, insert: false);

    public Order? OrderByToken(string customerUid, string clientToken)
    {
        string? id;
        lock (_indexGate) id = _tokens.GetValueOrDefault(customerUid + "\n" + clientToken);
        return id is null ? null : OrderTable.Get(id);
    }

    /// <summary>The partner's orders (or one customer's), in no order, as stored: READ-ONLY (for lists that filter and
    /// format them; a copy for each of 100,000 orders cost more than the filter). Change an order through <see cref="Order"/>.</summary>
    public IReadOnlyList<Order> OrdersOf(string partnerUid, string? customerUid) =>
        OrderTable.PeekPartner(partnerUid).Where(o => customerUid is null || o.CustomerUid == customerUid).ToList();

    /// <summary>One page of the partner's orders (or one customer's), newest first, and how many there are in all,
    /// without reading the others (<see cref="OrderListIndex"/>): those <paramref name="keep"/> keeps (by equality on its
    /// facets), created from <paramref name="from"/> to <paramref name="to"/> (inclusive) when given.</summary>
    public (IReadOnlyList<Order> Orders, int Total) OrdersPage(string partnerUid, string? customerUid, int num, int size,
        Func<OrderListIndex.Facets, bool>? keep = null, DateTime? from = null, DateTime? to = null)
    {
        var filter = keep is null && from is null && to is null ? null : new OrderListIndex.Filter(keep, from, to, k =>
            OrderTable.Peek(k.Id) is { } o && (from is null || Wire.Utc(o.CreateTime) >= from) && (to is null || Wire.Utc(o.CreateTime) <= to));
        var (ids, total) = _orderList.Page(partnerUid, customerUid, num, size, filter, () =>
            OrderTable.PeekPartner(partnerUid).Select(OrderListIndex.Key.Of).ToList());
        return (ids.Select(Order).OfType<Order>().ToList(), total);
    }

    public IReadOnlyList<Order> OrdersOfInstance(string instanceId)
    {
        List<string> ids;
        lock (_indexGate) ids = _ordersOfInstance.GetValueOrDefault(instanceId) switch { List<string> list => [.. list], string one => [one], _ => [] };
        return ids.Select(OrderTable.Get).OfType<Order>().ToList();
    }

    public string NewOrderId()
    {
        while (true)
        {
            var id = (200000000000000L + RandomNumberGenerator.GetInt32(int.MaxValue) * 4096L + RandomNumberGenerator.GetInt32(4096))
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!OrderTable.Contains(id)) return id;
        }
    }

    // Bill subscriptions.
    public void Upsert(BillSubscription b) => Bills.Upsert(b);
    public bool DeleteBill(string id) => Bills.Delete(id);
    public IReadOnlyList<BillSubscription> BillsOf(string partnerUid) =>
        Bills.Find(b => b.PartnerUid == partnerUid).OrderBy(b => b.SubscribedAt).ToList();
}
