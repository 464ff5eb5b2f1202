using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Products.BssOpenApi.Budget;
using VirtualOperator.Emulator.Products.Messages;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;

/// <summary>
/// The pay-as-you-go meter, for every product that registers an <see cref="IMeteredProduct"/> (contract there; behaviour
/// in docs/metering.md). On the virtual clock, before every call of the partner and whenever its time moves:
/// <list type="bullet">
/// <item>each whole hour a resource ran is charged from its customer's credit at the hour's end, hour by hour across all
/// the customer's resources in time order; a run's paid hours of one resource become one paid order (OrderType
/// <see cref="MeterOrders.OrderType"/>, Quantity = hours, UsageStartTime/UsageEndTime = the hours);</item>
/// <item>an hour the credit does not cover makes the resource Overdue (event <see cref="PartnerEventTypes.PayAsYouGoOverdue"/>);
/// it keeps running and the owed hours are retried every hour during <see cref="GraceAfterOverdue"/> [I];</item>
/// <item>still unpaid after the grace: stopped for arrears (product callback, event <see cref="PartnerEventTypes.PayAsYouGoStopped"/>);
/// released <see cref="ReleaseAfterStop"/> (15 days, AFTER-SALES.md §4) after the stop (product callback);</item>
/// <item><see cref="TryReactivate"/> charges the hours owed up to the stop and meters again from then on; stopped time is not charged [I].</item>
/// </list>
/// An hour begun when a resource ends is not charged [I]. Credit spent = the sum of the paid orders, to the cent.
/// </summary>
public sealed class PayAsYouGoMeter(
    MeterStore store, OrderDesk desk, CreditLedger ledger, PartnerEvents events, VirtualClock clock, IServiceProvider services) : IDueWork
{
    /// <summary>[I] how long an overdue resource keeps running before it is stopped (no source gives the default).</summary>
    public static readonly TimeSpan GraceAfterOverdue = TimeSpan.FromHours(24);
    /// <summary>A pay-as-you-go resource stopped for arrears is released 15 days later (AFTER-SALES.md §4, confirmed for ECS).</summary>
    public static readonly TimeSpan ReleaseAfterStop = TimeSpan.FromDays(15);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly KeyedLocks _partnerLocks = new(LockLevel.Partner, "pay-as-you-go metering");
    // Resolved at first use: a product's callbacks usually need the meter too (release ends metering).
    private readonly Lazy<Dictionary<string, IMeteredProduct>> _registered = new(() =>
        services.GetServices<IMeteredProduct>().ToDictionary(p => p.ProductCode, StringComparer.Ordinal));
    private Dictionary<string, IMeteredProduct> _products => _registered.Value;

    // The copies a settlement run is working on (this thread, under the customer's lock). A product callback that ends
    // another resource of the run (RDS: a primary released for arrears takes its read-only instances) ends that copy, or
    // the run would write its stale copy back at its end and keep metering a released resource.
    [ThreadStatic] private static Dictionary<string, MeteredResource>? _settling;

    public MeteredResource? Find(string resourceId) => store.Find(resourceId);

    /// <summary>Starts metering a resource from <paramref name="at"/>. Call under the customer's lock, in the step that creates it.</summary>
    public MeteredResource Start(string partnerUid, string customerUid, string productCode, string resourceId, string region, string currency,
        decimal hourlyPrice, DateTime at)
    {
        if (!_products.ContainsKey(productCode)) throw new InvalidOperationException($"No IMeteredProduct is registered for {productCode}.");
        var r = new MeteredResource
        {
            Id = resourceId, PartnerUid = partnerUid, CustomerUid = customerUid, ProductCode = productCode, Region = region,
            Currency = currency, HourlyPrice = hourlyPrice, StartedAt = at, PaidUntil = at, NextDueAt = at + Hour,
        };
        store.Upsert(r);
        return r;
    }

    /// <summary>A new hourly price from now on; the hour under way is charged at the new price [I]. Under the customer's lock.</summary>
    public void Reprice(string resourceId, decimal hourlyPrice)
    {
        var r = store.Find(resourceId) ?? throw new InvalidOperationException($"{resourceId} is not metered.");
        r.HourlyPrice = hourlyPrice;
        store.Upsert(r);
    }

    /// <summary>Stops metering (released, or converted to a subscription). Whole hours before are settled already. Under the customer's lock.</summary>
    public void End(string resourceId, DateTime at)
    {
        if ((_settling?.GetValueOrDefault(resourceId) ?? store.Find(resourceId)) is not { } r || r.State == MeterStates.Ended) return;
        r.State = MeterStates.Ended;
        r.EndedAt = at;
        r.NextDueAt = DateTime.MaxValue;
        store.Upsert(r);
    }

    /// <summary>
    /// Brings a resource stopped for arrears (or overdue) back: the hours owed are charged as one order, then it is metered
    /// from <paramref name="at"/>. When the credit does not cover them nothing changes and the refusal is answered. Under the customer's lock.
    /// </summary>
    public bool TryReactivate(string resourceId, DateTime at, out ApiException? refusal, out decimal charged)
    {
        refusal = null;
        charged = 0;
        var r = store.Find(resourceId) ?? throw new InvalidOperationException($"{resourceId} is not metered.");
        if (r.State is not (MeterStates.StoppedForArrears or MeterStates.Overdue)) return true;
        var until = r.State == MeterStates.StoppedForArrears ? Wire.Utc(r.StoppedAt!.Value) : at;
        var hours = r.HoursOwed(until);
        if (hours > 0)
        {
            var order = UsageOrder(r, hours, Wire.Utc(r.PaidUntil), "customer");
            if (!desk.TrySettle(r.PartnerUid, r.CustomerUid, order, new DateTimeOffset(at, TimeSpan.Zero), out refusal)) return false;
            charged = order.Amount;
            r.PaidTotal += order.Amount;
        }
        // Stopped time is not charged: the next hour is counted from now, or from the last paid hour when it never stopped.
        r.PaidUntil = r.State == MeterStates.StoppedForArrears ? at : Wire.Utc(r.PaidUntil) + Hour * hours;
        r.State = MeterStates.Metering;
        r.OverdueSince = null;
        r.StoppedAt = null;
        r.NextDueAt = Wire.Utc(r.PaidUntil) + Hour;
        store.Upsert(r);
        return true;
    }

    public void RunDue(string partnerUid, DateTimeOffset now)
    {
        if (store.NothingDueBy(partnerUid, now.UtcDateTime)) return;
        _partnerLocks.Run(partnerUid, () =>
        {
            foreach (var customer in store.DueBy(partnerUid, now.UtcDateTime).Select(r => r.CustomerUid).Distinct().Order(StringComparer.Ordinal))
                desk.UnderCustomerLock(customer, () => SettleCustomer(partnerUid, customer, now.UtcDateTime));
            store.Recompute(partnerUid);
        });
    }

    /// <summary>
    /// Every step of one customer's resources due by <paramref name="until"/>, earliest first (ties by id), with the credit
    /// tracked here as hours are paid so the resources compete for it hour by hour as they would have.
    /// Paid hours are charged at the end, one order per resource (the credit was checked hour by hour, so none is refused).
    /// </summary>
    private int SettleCustomer(string partnerUid, string customerUid, DateTime until)
    {
        var due = store.DueBy(partnerUid, until).Where(r => r.CustomerUid == customerUid).ToDictionary(r => r.Id);
        if (due.Count == 0) return 0;
        var outer = _settling;
        _settling = due;
        try { return Settle(partnerUid, customerUid, until, due); }
        finally { _settling = outer; }
    }

    private int Settle(string partnerUid, string customerUid, DateTime until, Dictionary<string, MeteredResource> due)
    {
        var available = new Dictionary<string, decimal>(StringComparer.Ordinal);
        decimal Available(string currency) => available.TryGetValue(currency, out var a) ? a
            : available[currency] = ledger.IsStopped(customerUid) ? 0m : ledger.Get(customerUid, currency)?.Available ?? 0m;
        var paid = new Dictionary<string, (DateTime From, int Hours, DateTime LastAt)>(StringComparer.Ordinal);

        var queue = new PriorityQueue<string, (DateTime, string)>();
        foreach (var r in due.Values) queue.Enqueue(r.Id, (Wire.Utc(r.NextDueAt), r.Id));
        while (queue.TryDequeue(out var id, out var key))
        {
            var r = due[id];
            var at = key.Item1;
            switch (r.State)
            {
                case MeterStates.Metering or MeterStates.Overdue:
                    var hours = r.HoursOwed(at);
                    var cost = r.HourlyPrice * hours;
                    if (hours > 0 && cost <= Available(r.Currency))
                    {
                        available[r.Currency] -= cost;
                        paid[id] = paid.TryGetValue(id, out var p) ? (p.From, p.Hours + hours, at) : (Wire.Utc(r.PaidUntil), hours, at);
                        r.PaidUntil = Wire.Utc(r.PaidUntil) + Hour * hours;
                        r.State = MeterStates.Metering;
                        r.OverdueSince = null;
                        r.NextDueAt = Wire.Utc(r.PaidUntil) + Hour;
                    }
                    else if (r.State == MeterStates.Metering)
                    {
                        r.State = MeterStates.Overdue;
                        r.OverdueSince = at;
                        r.NextDueAt = Min(at + Hour, at + GraceAfterOverdue);
                        Record(PartnerEventTypes.PayAsYouGoOverdue, r, at, $"{hours} h of {r.HourlyPrice} {r.Currency} unpaid");
                    }
                    else if (at >= Wire.Utc(r.OverdueSince!.Value) + GraceAfterOverdue)
                    {
                        r.State = MeterStates.StoppedForArrears;
                        r.StoppedAt = at;
                        r.NextDueAt = at + ReleaseAfterStop;
                        Record(PartnerEventTypes.PayAsYouGoStopped, r, at, $"{r.HoursOwed(at)} h owed");
                        _products[r.ProductCode].StoppedForArrears(r, at);
                    }
                    else
                    {
                        r.NextDueAt = Min(at + Hour, Wire.Utc(r.OverdueSince!.Value) + GraceAfterOverdue);
                    }
                    break;
                case MeterStates.StoppedForArrears:
                    r.State = MeterStates.Ended;
                    r.EndedAt = at;
                    r.NextDueAt = DateTime.MaxValue;
                    _products[r.ProductCode].ReleasedForArrears(r, at);
                    break;
                default:
                    r.NextDueAt = DateTime.MaxValue;
                    break;
            }
            clock.RecordApplied(partnerUid, new DateTimeOffset(at, TimeSpan.Zero));
            if (Wire.Utc(r.NextDueAt) <= until) queue.Enqueue(id, (Wire.Utc(r.NextDueAt), id));
        }

        foreach (var (id, p) in paid)
        {
            var r = due[id];
            var order = UsageOrder(r, p.Hours, p.From, "system");
            if (!desk.TrySettle(partnerUid, customerUid, order, new DateTimeOffset(p.LastAt, TimeSpan.Zero), out var refusal))
                throw new InvalidOperationException($"A metered charge checked against the credit was refused: {refusal!.Message}");
            r.PaidTotal += order.Amount;
        }
        foreach (var r in due.Values) store.Upsert(r);
        return due.Count;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static Order UsageOrder(MeteredResource r, int hours, DateTime from, string by) => new()
    {
        InstanceId = r.Id, ProductCode = r.ProductCode, ProductType = "", SubscriptionType = SubscriptionTypes.PayAsYouGo,
        OrderType = MeterOrders.OrderType, Region = r.Region, Currency = r.Currency,
        Config = $"Hours:{hours},HourlyPrice:{Wire.Amount(r.HourlyPrice)}",
        GrossAmount = r.HourlyPrice * hours, Amount = r.HourlyPrice * hours, Quantity = hours,
        UsageStartTime = from, UsageEndTime = from + Hour * hours, Operator = by,
    };

    private void Record(string type, MeteredResource r, DateTime at, string detail) =>
        events.Record(r.PartnerUid, type, new
        {
            CustomerUid = r.CustomerUid, ProductCode = r.ProductCode, InstanceId = r.Id, OrderId = (string?)null, Detail = detail,
        }, new DateTimeOffset(at, TimeSpan.Zero));
}
