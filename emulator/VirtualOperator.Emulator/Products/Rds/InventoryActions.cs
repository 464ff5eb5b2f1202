using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// What can be bought where: DescribeAvailableZones, DescribeAvailableClasses and the retired DescribeAvailableResource,
/// all answered from fixtures/seed/rds.json.
/// </summary>
internal static class InventoryActions
{
    private const string P = RdsServices.Product, V = RdsServices.Version;

    /// <summary>Zones of the region that sell the engine, with versions, editions and storage types (filters narrow it).</summary>
    [Action(P, V, "DescribeAvailableZones", Stateful = false)]
    public static object DescribeAvailableZones(ActionContext ctx)
    {
        var inv = ctx.Get<RdsInventory>();
        var region = ctx.Params.RequiredString("RegionId");
        var engine = inv.Engine(ctx.Params.RequiredString("Engine")) ?? throw RdsErrors.InvalidEngine(ctx.Params.RequiredString("Engine"));
        if (!inv.Regions.ContainsKey(region)) throw RdsErrors.InvalidRegion(region);
        var version = ctx.Params.String("EngineVersion");
        var category = ctx.Params.String("Category");
        var zone = ctx.Params.String("ZoneId");
        var zones = inv.ZonesOf(region).Where(z => zone is null || z == zone).Select(z => new
        {
            RegionId = region,
            SupportedEngines = new[]
            {
                new
                {
                    engine.Engine,
                    SupportedEngineVersions = engine.Versions.Where(v => version is null || v == version).Select(v => new
                    {
                        SupportedCategorys = engine.Categories.Where(c => category is null || c.Key == category).Select(c => new
                        {
                            Category = c.Key,
                            SupportedStorageTypes = c.Value.StorageTypes.Select(t => new { StorageType = t }).ToList(),
                        }).ToList(),
                        Version = v,
                    }).ToList(),
                },
            },
            ZoneId = z,
        }).ToList();
        return RdsReply.Of(ctx, new { AvailableZones = zones, ctx.RequestId });
    }

    /// <summary>Classes of one engine, version, edition and storage type in a zone, with the storage range of each.</summary>
    [Action(P, V, "DescribeAvailableClasses", Stateful = false)]
    public static object DescribeAvailableClasses(ActionContext ctx)
    {
        var inv = ctx.Get<RdsInventory>();
        RdsSpec.Place(inv, ctx.Params.RequiredString("RegionId"), ctx.Params.RequiredString("ZoneId"));
        var engineName = ctx.Params.RequiredString("Engine");
        var engine = inv.Engine(engineName) ?? throw RdsErrors.InvalidEngine(engineName);
        var version = ctx.Params.RequiredString("EngineVersion");
        if (!engine.Versions.Contains(version)) throw RdsErrors.InvalidEngineVersion(engineName, version);
        var category = ctx.Params.RequiredString("Category");
        if (!engine.Categories.TryGetValue(category, out var edition)) throw RdsErrors.InvalidCategory(engineName, category);
        var type = ctx.Params.RequiredString("DBInstanceStorageType");
        if (!edition.StorageTypes.Contains(type)) throw RdsErrors.InvalidStorageType(type, engineName, category);
        RdsWire.OneOf(ctx, "InstanceChargeType", "Prepaid", "Prepaid", "Postpaid", "Serverless_basic", "Serverless_standard", "Serverless_ha");
        var range = inv.StorageTypes[type];
        return RdsReply.Of(ctx, new
        {
            DBInstanceClasses = edition.Classes.Select(c => new
            {
                DBInstanceClass = c.Code,
                DBInstanceStorageRange = new { MaxValue = range.Max, MinValue = range.Min, Step = range.Step },
            }).ToList(),
            ctx.RequestId,
        });
    }

    /// <summary>
    /// The retired DescribeAvailableResource in its legacy (Java SDK) shape [C], which the catalog marks inferred:
    /// every zone of the region (RegionId, or the zone's region) with what it sells.
    /// </summary>
    [Action(P, V, "DescribeAvailableResource", Stateful = false)]
    public static object DescribeAvailableResource(ActionContext ctx)
    {
        var inv = ctx.Get<RdsInventory>();
        var zone = ctx.Params.String("ZoneId");
        var region = ctx.Params.String("RegionId") ?? (zone is null ? null : inv.Regions.FirstOrDefault(r => r.Value.Contains(zone)).Key)
            ?? throw Protocol.Errors.CommonErrors.MissingParameter("RegionId");
        if (!inv.Regions.ContainsKey(region)) throw RdsErrors.InvalidRegion(region);
        if (zone is not null && !inv.HasZone(region, zone)) throw RdsErrors.InvalidZone(zone, region);
        var engineName = ctx.Params.String("Engine");
        if (engineName is not null && inv.Engine(engineName) is null) throw RdsErrors.InvalidEngine(engineName);
        var version = ctx.Params.String("EngineVersion");
        var cls = ctx.Params.String("DBInstanceClass");
        var type = ctx.Params.String("DBInstanceStorageType");
        var zones = inv.ZonesOf(region).Where(z => zone is null || z == zone).Select(z => new
        {
            RegionId = region, ZoneId = z, Status = "Available", NetworkTypes = "VPC",
            SupportedEngines = new
            {
                SupportedEngine = inv.Engines.Where(e => engineName is null || e.Engine == engineName).Select(e => new
                {
                    e.Engine,
                    SupportedEngineVersions = new
                    {
                        SupportedEngineVersion = e.Versions.Where(v => version is null || v == version).Select(v => new
                        {
                            Version = v,
                            SupportedCategorys = new
                            {
                                SupportedCategory = e.Categories.Select(c => new
                                {
                                    Category = c.Key,
                                    SupportedStorageTypes = new
                                    {
                                        SupportedStorageType = c.Value.StorageTypes.Where(t => type is null || t == type).Select(t => new
                                        {
                                            StorageType = t,
                                            AvailableResources = new
                                            {
                                                AvailableResource = c.Value.Classes.Where(k => cls is null || k.Code == cls).Select(k => new
                                                {
                                                    DBInstanceClass = k.Code,
                                                    StorageRange = $"{inv.StorageTypes[t].Min}-{inv.StorageTypes[t].Max}",
                                                }).ToList(),
                                            },
                                        }).ToList(),
                                    },
                                }).ToList(),
                            },
                        }).ToList(),
                    },
                }).ToList(),
            },
        }).ToList();
        return RdsReply.Of(ctx, new { ctx.RequestId, AvailableZones = new { AvailableZone = zones } });
    }
}
