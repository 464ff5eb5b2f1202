namespace VirtualOperator.Emulator.Products.Resources;

/// <summary>
/// What one product tells the others about a resource it holds (an ECS instance, an RDS instance…), without
/// them reading its store: ICP service numbers (Bsn) need "is this a Running instance of that customer with a
/// public IP", the dashboard and bundles list resources of every product. Each product registers one
/// implementation (a product with instances gets it from <c>services.AddInstanceProduct&lt;…&gt;()</c>, docs/new-product.md); readers take
/// <c>IEnumerable&lt;IResourceDirectory&gt;</c> and ask each.
/// </summary>
public interface IResourceDirectory
{
    /// <summary>Product code as BSS spells it ("ecs", "rds").</summary>
    string ProductCode { get; }

    /// <summary>The resource of <paramref name="partnerUid"/> with that id, or null when this product has none (released ones included: null or Released).</summary>
    ResourceView? Find(string partnerUid, string resourceId);

    /// <summary>Every resource of one partner (for dashboards and bundles), in a stable order.</summary>
    IEnumerable<ResourceView> ForPartner(string partnerUid);
}

/// <summary>
/// A product-neutral view of one resource. <paramref name="Status"/> is the product's own wire status
/// ("Running", "Stopped", "Released"…); <paramref name="Running"/> says whether it is in service now.
/// </summary>
public sealed record ResourceView(
    string PartnerUid,
    string OwnerUid,
    string ProductCode,
    string ResourceId,
    string Status,
    bool Running,
    string? PublicIp,
    string? RegionId,
    DateTime? ExpiredTime);
