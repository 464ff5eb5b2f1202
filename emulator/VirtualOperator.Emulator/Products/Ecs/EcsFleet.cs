using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Products.Messages;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// The ECS instances with their subscription and meter: the one place that creates, reads the status of, and releases
/// an instance, so handlers, the resource directory and the meter's callbacks agree. Changes run under the customer's lock.
/// </summary>
public sealed class EcsFleet(EcsStore store, SalesStore sales, PayAsYouGoMeter meter, SalesEvents salesEvents, PartnerEvents events)
{
    public EcsStatusView State(EcsInstance i, DateTime now) => EcsState.Of(i, sales.Instance(i.Id), meter.Find(i.Id), now);

    public SalesInstance? Subscription(string id) => sales.Instance(id);

    /// <summary>Writes a new instance, its subscription record and (PostPaid) its meter, and records EcsInstanceCreated.</summary>
    public void Create(EcsInstance i, SalesInstance s, decimal? hourlyPrice, DateTime now)
    {
        SubscriptionLifecycle.Schedule(s);
        sales.Insert(s);
        store.Insert(i);
        if (hourlyPrice is { } h) meter.Start(i.PartnerUid, i.CustomerUid, EcsWire.ProductCode, i.Id, i.RegionId, s.Currency, h, now);
        events.Record(i.PartnerUid, PartnerEventTypes.EcsInstanceCreated, new
        {
            CustomerUid = i.CustomerUid, ProductCode = EcsWire.ProductCode, InstanceId = i.Id, OrderId = i.CreatingOrderId,
            Detail = $"{i.InstanceType} {i.InstanceChargeType} {i.ZoneId}",
        }, new DateTimeOffset(now, TimeSpan.Zero));
    }

    /// <summary>Releases an instance (DeleteInstance, or arrears): its subscription record is Released, its meter ends, InstanceReleased is recorded.</summary>
    public void Release(string id, DateTime at)
    {
        if (sales.Instance(id) is not { IsReleased: false } s) return;
        s.Status = InstanceStatuses.Released;
        s.SubStatus = InstanceStatuses.Released;
        s.ReleaseTime = at;
        SubscriptionLifecycle.Schedule(s);
        sales.Update(s);
        meter.End(id, at);
        salesEvents.Record(PartnerEventTypes.InstanceReleased, s, at);
    }
}
