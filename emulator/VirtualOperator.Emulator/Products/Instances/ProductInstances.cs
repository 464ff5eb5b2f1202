using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Products.Messages;
using VirtualOperator.Emulator.Products.Resources;

namespace VirtualOperator.Emulator.Products.Instances;

/// <summary>
/// One product's instances on the shared machinery: its document (<see cref="InstanceStore{TInstance}"/>), its subscription
/// record (<see cref="SalesInstance"/>, same id: term, orders, expiry and release by <see cref="SubscriptionLifecycle"/>) and
/// its meter (<see cref="PayAsYouGoMeter"/>, pay-as-you-go), read together through the product's declaration
/// (<see cref="InstanceProduct{TInstance}"/>). It is the product's renewal pricing, release follower, metered product and
/// resource directory, so those hooks are written once for every product.
/// </summary>
public sealed class ProductInstances<TInstance> : IRenewalPricing, IReleaseFollower, IMeteredProduct, IResourceDirectory
    where TInstance : class, IProductInstance
{
    private readonly InstanceStore<TInstance> _store;
    private readonly InstanceProduct<TInstance> _product;
    private readonly SalesStore _sales;
    private readonly SalesEvents _events;
    private readonly PayAsYouGoMeter _meter;
    private readonly VirtualClock _clock;

    public ProductInstances(InstanceStore<TInstance> store, InstanceProduct<TInstance> product, SalesStore sales, SalesEvents events,
        PayAsYouGoMeter meter, VirtualClock clock)
    {
        (_store, _product, _sales, _events, _meter, _clock) = (store, product, sales, events, meter, clock);
        product.Shared = this;
    }

    public string Kind => _product.Kind;
    public string ProductCode => _product.ProductCode;
    public InstanceStateMachine States => _product.States;

    public SalesInstance? Subscription(string id) => _sales.Instance(id);

    public MeteredResource? Meter(string id) => _meter.Find(id);

    public bool IsReleased(TInstance i) => _product.IsReleased(i, _sales.Instance(i.Id));

    /// <summary>The status at <paramref name="now"/>: the released status once released, else the declared state machine's.</summary>
    public string StatusOf(TInstance i, DateTime now)
    {
        var subscription = _sales.Instance(i.Id);
        return _product.IsReleased(i, subscription) ? _product.ReleasedStatus : _product.StatusOf(i, subscription, _meter.Find(i.Id), now);
    }

    /// <summary>
    /// Releases an instance now (a delete, arrears): its subscription record is Released, its meter ends, InstanceReleased is
    /// recorded. Call under the customer's lock; nothing happens when it is released already.
    /// </summary>
    public void Release(string id, DateTime at, string? why = null)
    {
        if (_sales.Instance(id) is not { IsReleased: false } s) return;
        s.Status = InstanceStatuses.Released;
        s.SubStatus = InstanceStatuses.Released;
        s.ReleaseTime = at;
        SubscriptionLifecycle.Schedule(s);
        _sales.Update(s);
        _meter.End(id, at);
        _events.Record(PartnerEventTypes.InstanceReleased, s, at, detail: why);
    }

    // IRenewalPricing: the product prices the renewal of its own instance.
    Order? IRenewalPricing.RenewalOrder(SalesInstance instance, int months) =>
        _store.Instance(instance.Id) is { } i ? _product.RenewalOrder(i, instance, months) : null;

    // IReleaseFollower: the lifecycle has released the subscription record.
    void IReleaseFollower.Released(SalesInstance instance, DateTime at)
    {
        if (_store.Instance(instance.Id) is { } i) _product.Released(i, instance, at);
    }

    void IMeteredProduct.StoppedForArrears(MeteredResource resource, DateTime at)
    {
        if (_store.Instance(resource.Id) is { } i) _product.StoppedForArrears(i, resource, at);
    }

    void IMeteredProduct.ReleasedForArrears(MeteredResource resource, DateTime at)
    {
        if (_store.Instance(resource.Id) is { } i) _product.ReleasedForArrears(i, resource, at);
    }

    public ResourceView? Find(string partnerUid, string resourceId) =>
        _store.Instance(resourceId) is { } i && i.PartnerUid == partnerUid ? View(i, _clock.NowFor(partnerUid).UtcDateTime) : null;

    public IEnumerable<ResourceView> ForPartner(string partnerUid)
    {
        var now = _clock.NowFor(partnerUid).UtcDateTime;
        return _store.InstancesOf(partnerUid, null).Select(i => View(i, now));
    }

    private ResourceView View(TInstance i, DateTime now)
    {
        var subscription = _sales.Instance(i.Id);
        var released = _product.IsReleased(i, subscription);
        var status = released ? _product.ReleasedStatus : _product.StatusOf(i, subscription, _meter.Find(i.Id), now);
        return new ResourceView(i.PartnerUid, i.CustomerUid, ProductCode, i.Id, status, !released && status == _product.RunningStatus,
            released ? null : _product.PublicIp(i), i.RegionId, subscription?.EndTime is { } end ? Wire.Utc(end) : null);
    }
}
