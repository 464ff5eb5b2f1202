namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// Each partner's orders in <c>QueryOrders</c> order (newest first, then by id), as keys only, so that a page reads its
/// own orders and not every order of the partner: with 100,000 orders, reading, sorting and counting them all took a
/// second per page (docs/performance.md, change 12), and a page filtered by PaymentStatus 394 times as long as at 100
/// orders (docs/performance.md, "Memory per order").
/// <para>
/// The keys are kept in groups, one per combination of the values QueryOrders filters on by equality (<see cref="Facets"/>:
/// PaymentStatus, OrderType, ProductCode, ProductType, SubscriptionType), for the partner and for each customer. A page
/// merges the groups its filter keeps (a handful: the combinations a partner really has) and the total is the sum of
/// their sizes; a time range seeks in each group and counts what falls in it.
/// </para>
/// A partner's index is built from the store the first time one of its pages is asked for, and kept current from then
/// on: an order is added after its unit of work commits (<see cref="SalesStore.Insert(Order)"/>), and moves to another
/// group when a write changes one of its facets (an unpaid order paid or cancelled), as it is written and back if that
/// write rolls back. What it is ordered by (creation time, id, customer) never changes after an order is written.
/// Resets drop it.
/// </summary>
public sealed class OrderListIndex(Func<string, OrderListIndex.Facets?>? facetsOf = null)
{
    /// <summary>An order's place in the list. Times are whole milliseconds in UTC, as LiteDB stores them, so the order
    /// is the one a query over the stored documents gives.</summary>
    public readonly record struct Key(long UtcMilliseconds, string Id, string CustomerUid) : IComparable<Key>
    {
        public static Key Of(Order o) => Of(o.CreateTime, o.Id, o.CustomerUid);

        public static Key Of(DateTime createTime, string id, string customerUid) =>
            new(MillisecondOf(createTime), id, customerUid);

        /// <summary>The UTC millisecond a time falls in, as the domain reads stored times (<see cref="Wire.Utc"/>).</summary>
        public static long MillisecondOf(DateTime t) => Wire.Utc(t).Ticks / TimeSpan.TicksPerMillisecond;

        // Newest first, then the greater id first (ordinal): QueryOrders' OrderByDescending(CreateTime).ThenByDescending(Id).
        public int CompareTo(Key other)
        {
            var byTime = other.UtcMilliseconds.CompareTo(UtcMilliseconds);
            return byTime != 0 ? byTime : string.CompareOrdinal(other.Id, Id);
        }
    }

    /// <summary>The values QueryOrders filters an order on by equality (null where the stored order has none).</summary>
    public readonly record struct Facets(string? PaymentStatus, string? OrderType, string? ProductCode, string? ProductType, string? SubscriptionType)
    {
        public static Facets Of(Order o) => new(o.PaymentStatus, o.OrderType, o.ProductCode, o.ProductType, o.SubscriptionType);
    }

    /// <summary>What a page asks for beyond its scope: which groups (null: all), and a creation time range (UTC, inclusive)
    /// whose candidates <paramref name="Exact"/> decides on (the index only narrows them to their milliseconds).</summary>
    public sealed record Filter(Func<Facets, bool>? Keep, DateTime? From, DateTime? To, Func<Key, bool>? Exact);

    private sealed class Groups
    {
        public readonly Dictionary<Facets, SortedSet<Key>> ByFacets = [];

        public void Add(Facets f, Key k)
        {
            if (!ByFacets.TryGetValue(f, out var set)) ByFacets[f] = set = [];
            set.Add(k);
        }

        public bool Remove(Facets f, Key k) => ByFacets.TryGetValue(f, out var set) && set.Remove(k);

        /// <summary>Out of whichever group holds it.</summary>
        public bool Remove(Key k)
        {
            foreach (var set in ByFacets.Values)
                if (set.Remove(k)) return true;
            return false;
        }
    }

    private sealed class PartnerOrders
    {
        // Its own lock: building one partner's index (a read of all its orders) never holds up another partner.
        public readonly object Gate = new();
        public bool Built;
        public readonly Groups All = new();
        public readonly Dictionary<string, Groups> ByCustomer = new(StringComparer.Ordinal);

        public void Add(Facets f, Key k)
        {
            All.Add(f, k);
            if (!ByCustomer.TryGetValue(k.CustomerUid, out var mine)) ByCustomer[k.CustomerUid] = mine = new Groups();
            mine.Add(f, k);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PartnerOrders> _partners = new(StringComparer.Ordinal);
    private readonly Func<string, Facets?> _facetsOf = facetsOf ?? (_ => default(Facets));

    /// <summary>
    /// The ids of one page (<paramref name="num"/> from 1) of the partner's list, or one customer's, and how many the
    /// whole list holds. <paramref name="load"/> reads the partner's keys from the store when the index is not built.
    /// </summary>
    public (IReadOnlyList<string> Ids, int Total) Page(string partnerUid, string? customerUid, int num, int size, Func<IEnumerable<Key>> load) =>
        Page(partnerUid, customerUid, num, size, null, load);

    /// <summary>As <see cref="Page(string,string?,int,int,Func{IEnumerable{Key}})"/>, of the orders <paramref name="filter"/> keeps (all when null).</summary>
    public (IReadOnlyList<string> Ids, int Total) Page(string partnerUid, string? customerUid, int num, int size, Filter? filter, Func<IEnumerable<Key>> load)
    {
        var orders = _partners.GetOrAdd(partnerUid, static _ => new PartnerOrders());
        lock (orders.Gate)
        {
            if (!orders.Built)
            {
                // Built under the partner's lock, which Added and Moved also take: an order committed while this reads the
                // store is either read here or added right after (a set keeps it once); one whose facets change while this
                // reads is filed under what it is read with, then moved (or found moved already: nothing to do).
                foreach (var k in load())
                    if (_facetsOf(k.Id) is { } f) orders.Add(f, k);
                orders.Built = true;
            }
            var scope = customerUid is null ? orders.All : orders.ByCustomer.GetValueOrDefault(customerUid);
            if (scope is null) return ([], 0);
            var sets = new List<IEnumerable<Key>>();
            var total = 0;
            var ranged = filter?.From is not null || filter?.To is not null;
            foreach (var (facets, set) in scope.ByFacets)
            {
                if (set.Count == 0 || filter?.Keep is { } keep && !keep(facets)) continue;
                if (!ranged)
                {
                    sets.Add(set);
                    total += set.Count;
                }
                else if (Range(set, filter!.From, filter.To) is { } view) sets.Add(view);
            }
            var merged = Merge(sets);
            // A time range counts its candidates that the exact check keeps: each one in range is read once.
            if (ranged)
            {
                var exact = filter!.Exact ?? (_ => true);
                var kept = merged.Where(exact).ToList();
                return (kept.Skip((num - 1) * size).Take(size).Select(k => k.Id).ToList(), kept.Count);
            }
            return (merged.Skip((num - 1) * size).Take(size).Select(k => k.Id).ToList(), total);
        }
    }

    /// <summary>The keys of <paramref name="set"/> whose millisecond may fall in [from, to]; null when none can.</summary>
    private static SortedSet<Key>? Range(SortedSet<Key> set, DateTime? from, DateTime? to)
    {
        // Newest first: the view runs from just before the newest allowed millisecond to just after the oldest. An id of
        // "" sorts after every real id of its millisecond, so (ms + 1, "") precedes all of ms, and (ms - 1, "") follows
        // all of ms; the exact check decides the boundary milliseconds.
        var first = new Key(to is { } t ? Key.MillisecondOf(t) + 1 : long.MaxValue, "", "");
        var last = new Key(from is { } f ? Key.MillisecondOf(f) - 1 : long.MinValue, "", "");
        return first.CompareTo(last) > 0 ? null : set.GetViewBetween(first, last);
    }

    /// <summary>The keys of every set, newest first (each set is already in that order).</summary>
    private static IEnumerable<Key> Merge(List<IEnumerable<Key>> sets)
    {
        if (sets.Count == 1)
        {
            foreach (var k in sets[0]) yield return k;
            yield break;
        }
        var heads = new PriorityQueue<IEnumerator<Key>, Key>();
        try
        {
            foreach (var s in sets)
            {
                var e = s.GetEnumerator();
                if (e.MoveNext()) heads.Enqueue(e, e.Current);
                else e.Dispose();
            }
            while (heads.TryDequeue(out var e, out var k))
            {
                yield return k;
                if (e.MoveNext()) heads.Enqueue(e, e.Current);
                else e.Dispose();
            }
        }
        finally
        {
            while (heads.TryDequeue(out var e, out _)) e.Dispose();
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
            // Filed under its facets as they are now (a write after its insert, in the same unit, may have changed them).
            if (orders.Built && _facetsOf(key.Id) is { } f) orders.Add(f, key);
        }
    }

    /// <summary>An order written with other facets than it had: moved to its new groups if it is listed (an order not
    /// yet added is filed when it is, under what it has then).</summary>
    public void Moved(string partnerUid, Key key, Facets before, Facets after)
    {
        if (before == after || !_partners.TryGetValue(partnerUid, out var orders)) return;
        lock (orders.Gate)
        {
            if (!orders.Built || !orders.All.Remove(before, key)) return;
            orders.All.Add(after, key);
            if (orders.ByCustomer.TryGetValue(key.CustomerUid, out var mine) && mine.Remove(before, key)) mine.Add(after, key);
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
