using VirtualOperator.Emulator.Api.Rds;
using VirtualOperator.Emulator.Protocol.Dispatch;
using Zone = VirtualOperator.Emulator.Api.Rds.DescribeAvailableZonesResponse.AvailableZonesModel;
using ResourceZone = VirtualOperator.Emulator.Api.Rds.DescribeAvailableResourceResponse.AvailableZonesModel.AvailableZoneModel;
using ResourceEngine = VirtualOperator.Emulator.Api.Rds.DescribeAvailableResourceResponse.AvailableZonesModel.AvailableZoneModel.SupportedEnginesModel.SupportedEngineModel;
using ResourceCategory = VirtualOperator.Emulator.Api.Rds.DescribeAvailableResourceResponse.AvailableZonesModel.AvailableZoneModel.SupportedEnginesModel.SupportedEngineModel.SupportedEngineVersionsModel.SupportedEngineVersionModel.SupportedCategorysModel.SupportedCategoryModel;
using ResourceStorageType = VirtualOperator.Emulator.Api.Rds.DescribeAvailableResourceResponse.AvailableZonesModel.AvailableZoneModel.SupportedEnginesModel.SupportedEngineModel.SupportedEngineVersionsModel.SupportedEngineVersionModel.SupportedCategorysModel.SupportedCategoryModel.SupportedStorageTypesModel.SupportedStorageTypeModel;

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
        var req = DescribeAvailableZonesRequest.Of(ctx);
        var inv = ctx.Get<RdsInventory>();
        var region = req.RegionId;
        var engine = inv.Engine(req.Engine) ?? throw RdsErrors.InvalidEngine(req.Engine);
        if (!inv.Regions.ContainsKey(region)) throw RdsErrors.InvalidRegion(region);
        var version = req.EngineVersion;
        var category = req.Category;
        var zone = req.ZoneId;
        var zones = inv.ZonesOf(region).Where(z => zone is null || z == zone).Select(z => new Zone
        {
            RegionId = region,
            SupportedEngines =
            [
                new()
                {
                    Engine = engine.Engine,
                    SupportedEngineVersions = engine.Versions.Where(v => version is null || v == version).Select(v => new Zone.SupportedEnginesModel.SupportedEngineVersionsModel
                    {
                        SupportedCategorys = engine.Categories.Where(c => category is null || c.Key == category)
                            .Select(c => new Zone.SupportedEnginesModel.SupportedEngineVersionsModel.SupportedCategorysModel
                            {
                                Category = c.Key,
                                SupportedStorageTypes = c.Value.StorageTypes
                                    .Select(t => new Zone.SupportedEnginesModel.SupportedEngineVersionsModel.SupportedCategorysModel.SupportedStorageTypesModel { StorageType = t })
                                    .ToList(),
                            }).ToList(),
                        Version = v,
                    }).ToList(),
                },
            ],
            ZoneId = z,
        }).ToList();
        return new DescribeAvailableZonesResponse { AvailableZones = zones, RequestId = ctx.RequestId };
    }

    /// <summary>Classes of one engine, version, edition and storage type in a zone, with the storage range of each.</summary>
    [Action(P, V, "DescribeAvailableClasses", Stateful = false)]
    public static object DescribeAvailableClasses(ActionContext ctx)
    {
        var req = DescribeAvailableClassesRequest.Of(ctx);
        var inv = ctx.Get<RdsInventory>();
        RdsSpec.Place(inv, req.RegionId, req.ZoneId);
        var engineName = req.Engine;
        var engine = inv.Engine(engineName) ?? throw RdsErrors.InvalidEngine(engineName);
        var version = req.EngineVersion;
        if (!engine.Versions.Contains(version)) throw RdsErrors.InvalidEngineVersion(engineName, version);
        var category = req.Category;
        if (!engine.Categories.TryGetValue(category, out var edition)) throw RdsErrors.InvalidCategory(engineName, category);
        var type = req.DBInstanceStorageType;
        if (!edition.StorageTypes.Contains(type)) throw RdsErrors.InvalidStorageType(type, engineName, category);
        RdsWire.OneOf("InstanceChargeType", req.InstanceChargeType, "Prepaid", "Prepaid", "Postpaid", "Serverless_basic", "Serverless_standard", "Serverless_ha");
        var range = inv.StorageTypes[type];
        return new DescribeAvailableClassesResponse
        {
            DBInstanceClasses = edition.Classes.Select(c => new DescribeAvailableClassesResponse.DBInstanceClassesModel
            {
                DBInstanceClass = c.Code,
                DBInstanceStorageRange = new() { MaxValue = range.Max, MinValue = range.Min, Step = range.Step },
            }).ToList(),
            RequestId = ctx.RequestId,
        };
    }

    /// <summary>
    /// The retired DescribeAvailableResource in its legacy (Java SDK) shape [C], which the catalog marks inferred:
    /// every zone of the region (RegionId, or the zone's region) with what it sells.
    /// </summary>
    [Action(P, V, "DescribeAvailableResource", Stateful = false)]
    public static object DescribeAvailableResource(ActionContext ctx)
    {
        var req = DescribeAvailableResourceRequest.Of(ctx);
        var inv = ctx.Get<RdsInventory>();
        var zone = req.ZoneId;
        // RegionId is not in this legacy model's parameters; the emulator still takes it (read by wire name).
        var region = ctx.Params.String("RegionId") ?? (zone is null ? null : inv.Regions.FirstOrDefault(r => r.Value.Contains(zone)).Key)
            ?? throw Protocol.Errors.CommonErrors.MissingParameter("RegionId");
        if (!inv.Regions.ContainsKey(region)) throw RdsErrors.InvalidRegion(region);
        if (zone is not null && !inv.HasZone(region, zone)) throw RdsErrors.InvalidZone(zone, region);
        var engineName = req.Engine;
        if (engineName is not null && inv.Engine(engineName) is null) throw RdsErrors.InvalidEngine(engineName);
        var version = req.EngineVersion;
        var cls = req.DBInstanceClass;
        var type = req.DBInstanceStorageType;

        ResourceEngine Engine(EngineSpec e) => new()
        {
            Engine = e.Engine,
            SupportedEngineVersions = new() { SupportedEngineVersion = e.Versions.Where(v => version is null || v == version).Select(v => Version(e, v)).ToList() },
        };
        ResourceEngine.SupportedEngineVersionsModel.SupportedEngineVersionModel Version(EngineSpec e, string v) => new()
        {
            Version = v,
            SupportedCategorys = new() { SupportedCategory = e.Categories.Select(c => Category(c.Key, c.Value)).ToList() },
        };
        ResourceCategory Category(string name, CategorySpec edition) => new()
        {
            Category = name,
            SupportedStorageTypes = new() { SupportedStorageType = edition.StorageTypes.Where(t => type is null || t == type).Select(t => StorageType(edition, t)).ToList() },
        };
        ResourceStorageType StorageType(CategorySpec edition, string t) => new()
        {
            StorageType = t,
            AvailableResources = new()
            {
                AvailableResource = edition.Classes.Where(k => cls is null || k.Code == cls).Select(k => new ResourceStorageType.AvailableResourcesModel.AvailableResourceModel
                {
                    DBInstanceClass = k.Code,
                    StorageRange = $"{inv.StorageTypes[t].Min}-{inv.StorageTypes[t].Max}",
                }).ToList(),
            },
        };

        var zones = inv.ZonesOf(region).Where(z => zone is null || z == zone).Select(z => new ResourceZone
        {
            RegionId = region, ZoneId = z, Status = "Available", NetworkTypes = "VPC",
            SupportedEngines = new() { SupportedEngine = inv.Engines.Where(e => engineName is null || e.Engine == engineName).Select(Engine).ToList() },
        }).ToList();
        return new DescribeAvailableResourceResponse { RequestId = ctx.RequestId, AvailableZones = new() { AvailableZone = zones } };
    }
}
