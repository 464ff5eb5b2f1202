namespace VirtualOperator.Emulator.Products.Instances;

/// <summary>
/// What the shared instance machinery needs of a product's own instance document (an ECS instance, an RDS instance): its
/// id (the same id as its <see cref="BssOpenApi.Sales.SalesInstance"/>, which carries its term, orders and lifecycle), the
/// partner and customer it belongs to (every document carries its PartnerUid, so a partner reset reaches it), its region.
/// </summary>
public interface IProductInstance
{
    string Id { get; }
    string PartnerUid { get; }
    string CustomerUid { get; }
    string RegionId { get; }
}
