using VirtualOperator.Emulator.Products.Resources;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// The generic sales instances (any BSS product code: eip, slb, cdn resource packages…) as other parts see them:
/// the dashboard and bundles list them with every product's resources. <see cref="ProductCode"/> is "bss" because this
/// directory holds many product codes; each view carries the instance's own code. [I] <see cref="ResourceView.Running"/>
/// is "Normal", the only status in which a generic instance is in service.
/// </summary>
public sealed class SalesResourceDirectory(SalesStore store) : IResourceDirectory
{
    public string ProductCode => "bss";

    // Only the generic kinds: ECS and RDS keep a subscription record here too, but their own directories answer for them
    // (with their public IP and state); answering their record here hid the ECS instance from Bsn.
    public ResourceView? Find(string partnerUid, string resourceId) =>
        store.Instance(resourceId) is { Kind: InstanceKinds.Generic or InstanceKinds.ResourcePackage } i && i.PartnerUid == partnerUid ? View(i) : null;

    public IEnumerable<ResourceView> ForPartner(string partnerUid) =>
        new[] { InstanceKinds.Generic, InstanceKinds.ResourcePackage }
            .SelectMany(kind => store.InstancesOf(partnerUid, null, kind)).Select(View);

    private static ResourceView View(SalesInstance i) => new(
        i.PartnerUid, i.CustomerUid, i.ProductCode, i.Id, i.Status, i.Status == InstanceStatuses.Normal, null,
        string.IsNullOrEmpty(i.Region) ? null : i.Region, i.EndTime);
}
