using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Products.Resources;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>RDS instances as other products see them (dashboard, bundles, Bsn). RDS instances have no public IP here [I].</summary>
public sealed class RdsResourceDirectory(RdsStore store, RdsDesk desk, VirtualClock clock) : IResourceDirectory
{
    public string ProductCode => RdsSales.ProductCode;

    public ResourceView? Find(string partnerUid, string resourceId) =>
        store.Instance(resourceId) is { } i && i.PartnerUid == partnerUid ? View(i) : null;

    public IEnumerable<ResourceView> ForPartner(string partnerUid) => store.InstancesOf(partnerUid, null).Select(View);

    private ResourceView View(RdsInstance i)
    {
        var record = desk.Record(i);
        var status = desk.StatusOf(i, clock.NowFor(i.PartnerUid), record);
        return new ResourceView(i.PartnerUid, i.CustomerUid, ProductCode, i.Id, status, status == RdsStatuses.Running, null, i.RegionId, record?.EndTime);
    }
}
