using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Products.Resources;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// ECS instances as other products see them (ICP service numbers need "a Running instance of that customer with a
/// public IP"). Status and Running are as DescribeInstances would show them at the partner's virtual now.
/// </summary>
public sealed class EcsResourceDirectory(EcsStore store, EcsFleet fleet, VirtualClock clock) : IResourceDirectory
{
    public string ProductCode => EcsWire.ProductCode;

    public ResourceView? Find(string partnerUid, string resourceId) =>
        store.Instance(resourceId) is { } i && i.PartnerUid == partnerUid ? View(i, clock.NowFor(partnerUid).UtcDateTime) : null;

    public IEnumerable<ResourceView> ForPartner(string partnerUid)
    {
        var now = clock.NowFor(partnerUid).UtcDateTime;
        return store.InstancesOf(partnerUid, null).Select(i => View(i, now));
    }

    private ResourceView View(EcsInstance i, DateTime now)
    {
        var state = fleet.State(i, now);
        var subscription = fleet.Subscription(i.Id);
        var status = state.Released ? "Released" : state.Status;
        return new ResourceView(i.PartnerUid, i.CustomerUid, ProductCode, i.Id, status, !state.Released && state.Status == EcsStatuses.Running,
            state.Released ? null : i.PublicIpAddress, i.RegionId, subscription?.EndTime is { } end ? BssOpenApi.Sales.Wire.Utc(end) : null);
    }
}
