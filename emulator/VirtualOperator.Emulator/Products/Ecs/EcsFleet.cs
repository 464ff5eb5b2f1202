using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Products.Messages;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// The ECS instances with their subscription and meter: the one place that creates, reads the status of, and releases
/// an instance, so handlers, the resource directory and the meter's callbacks agree. Changes run under the customer's lock.
/// </summary>
public sealed class EcsFleet(EcsStore store, SalesStore sales, PayAsYouGoMeter meter, Instances.ProductInstances<EcsInstance> instances, PartnerEvents events)
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

    /// <summary>Moves a PrePaid term's end to <paramref name="end"/> (a renewal); an expired, unreleased instance runs again.</summary>
    public void ExtendTerm(SalesInstance s, DateTime end, DateTime now)
    {
        s.EndTime = end;
        SubscriptionLifecycle.Extend(s, 0, now);
        sales.Update(s);
    }

    /// <summary>Writes a changed configuration and keeps the subscription record's copy (orders show it) in step.</summary>
    public void Reconfigured(EcsInstance i)
    {
        store.Update(i);
        if (sales.Instance(i.Id) is { } s)
        {
            s.Config = EcsWire.ConfigOf(i);
            sales.Update(s);
        }
    }

    /// <summary>Releases an instance (DeleteInstance, or arrears): its subscription record is Released, its meter ends, InstanceReleased is recorded.</summary>
    public void Release(string id, DateTime at) => instances.Release(id, at);
}
