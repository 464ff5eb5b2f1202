using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// Stock of one instance type in one zone, per partner: the fixture's sold-out list, overridden by what the
/// control plane set (<c>POST /_emulator/partners/{uid}/ecs/stock</c>), so QA can make a BUY page meet "sold out".
/// Collection <c>ecsStock</c> (id partner|zone|type; index PartnerUid), so a partner reset restores the fixture's stock.
/// </summary>
public sealed class EcsStock
{
    public const string Available = "Available";
    public const string SoldOut = "SoldOut";

    private readonly EmulatorDatabase _db;
    private readonly EcsInventory _inventory;

    public EcsStock(EmulatorDatabase db, EcsInventory inventory)
    {
        _db = db;
        _inventory = inventory;
        Overrides.EnsureIndex(o => o.PartnerUid);
    }

    private LiteDB.ILiteCollection<EcsStockOverride> Overrides => _db.Collection<EcsStockOverride>("ecsStock");

    public string StatusOf(string partnerUid, string zoneId, string instanceType)
    {
        if (Overrides.FindById(EcsStockOverride.KeyOf(partnerUid, zoneId, instanceType)) is { } o) return o.Status;
        return _inventory.SoldOut.Any(s => s.ZoneId == zoneId && s.InstanceType == instanceType) ? SoldOut : Available;
    }

    public bool InStock(string partnerUid, string zoneId, string instanceType) => StatusOf(partnerUid, zoneId, instanceType) == Available;

    public void Set(string partnerUid, string zoneId, string instanceType, string status) =>
        Overrides.Upsert(new EcsStockOverride
        {
            Id = EcsStockOverride.KeyOf(partnerUid, zoneId, instanceType), PartnerUid = partnerUid, ZoneId = zoneId, InstanceType = instanceType, Status = status,
        });

    public IReadOnlyList<EcsStockOverride> OverridesOf(string partnerUid) =>
        Overrides.Find(o => o.PartnerUid == partnerUid).OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
}

public sealed class EcsStockOverride
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string ZoneId { get; set; } = "";
    public string InstanceType { get; set; } = "";
    public string Status { get; set; } = EcsStock.Available;

    public static string KeyOf(string partnerUid, string zoneId, string instanceType) => partnerUid + "|" + zoneId + "|" + instanceType;
}
