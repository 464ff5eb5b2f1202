namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// Each partner's orders in <c>QueryOrders</c> order (newest first, then by id), as keys only, so that a page of an
/// unfiltered list reads its own orders and not every order of the partner: with 100,000 orders, reading, sorting
/// and counting them all took a second per page (docs/performance.md, change 12).
/// A partner's index is built from the store the first time one of its pages is asked for, and kept current by
/// <see cref="SalesStore.Insert(Order)"/> from then on (after the order's unit of work commits). What it keys on (creation time, id, customer) never changes
/// after an order is written. Resets drop it.
/// </summary>
public sealed class OrderListIndex
{
    /// <summary>An order's place in the list. Times are whole milliseconds in UTC, as LiteDB stores them, so the order
    /// is the one a query over the stored documents gives.</summary>
    public readonly record struct Key(long UtcMilliseconds, string Id, string CustomerUid) : IComparable<Key>
    {
        public static Key Of(Order o) => Of(o.CreateTime, o.Id, o.CustomerUid);

        public static Key Of(DateTime createTime, string id, string customerUid) =>
            new(createTime.ToUniversalTime().Ticks / TimeSpan.TicksPerMillisecond, id, customerUid);

        // Newest first, then the greater id first (ordinal): QueryOrders' OrderByDescending(CreateTime).ThenByDescending(Id).
        public int CompareTo(Key other)
        {
            var byTime = other.UtcMilliseconds.CompareTo(UtcMilliseconds);
            return byTime != 0 ? byTime : string.CompareOrdinal(other.Id, Id);
        }
    }

    private sealed class PartnerOrders
    {
        // Its own lock: building one partner's index (a read of all its orders) never holds up another partner.
        public readonly object Gate = new();
        public bool Built;
        public readonly SortedSet<Key> All = [];
        public readonly Dictionary<string, SortedSet<Key>> ByCustomer = new(StringComparer.Ordinal);

        public void Add(Key k)
        {
            All.Add(k);
            if (!ByCustomer.TryGetValue(k.CustomerUid, out var mine)) ByCustomer[k.CustomerUid] = mine = [];
            mine.Add(k);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PartnerOrders> _partners = new(StringComparer.Ordinal);

    /// <summary>
    /// The ids of one page (<paramref name="num"/> from 1) of the partner's list, or one customer's, and how many the
    /// whole list holds. <paramref name="load"/> reads the partner's keys from the store when the index is not built.
    /// </summary>
    public (IReadOnlyList<string> Ids, int Total) Page(string partnerUid, string? customerUid, int num, int size, Func<IEnumerable<Key>> load)
    {
        var orders = _partners.GetOrAdd(partnerUid, static _ => new PartnerOrders());
        lock (orders.Gate)
        {
            if (!orders.Built)
            {
                // Built under the partner's lock, which Added also takes, after the order's commit: an order committed
                // while this reads the store is either read here or added right after (a set keeps it once).
                foreach (var k in load()) orders.Add(k);
                orders.Built = true;
            }
            var list = customerUid is null ? orders.All : orders.ByCustomer.GetValueOrDefault(customerUid) ?? [];
            return (list.Skip((num - 1) * size).Take(size).Select(k => k.Id).ToList(), list.Count);
        }
    }

    /// <summary>Called after an order has committed; a partner whose index is not built yet is skipped (it reads the store when built).</summary>
    public void Added(Order o) => Added(o.PartnerUid, Key.Of(o));

    /// <inheritdoc cref="Added(Order)"/>
    public void Added(string partnerUid, Key key)
    {
        if (!_partners.TryGetValue(partnerUid, out var orders)) return;
        lock (orders.Gate)
        {
            if (orders.Built) orders.Add(key);
        }
    }

    /// <summary>An order that was read into the index before its unit of work rolled back.</summary>
    public void Removed(string partnerUid, Key key)
    {
        if (!_partners.TryGetValue(partnerUid, out var orders)) return;
        lock (orders.Gate)
        {
            orders.All.Remove(key);
            if (orders.ByCustomer.TryGetValue(key.CustomerUid, out var mine)) mine.Remove(key);
        }
    }

    public void Forget(string? partnerUid)
    {
        if (partnerUid is null) _partners.Clear();
        else _partners.TryRemove(partnerUid, out _);
    }
}
