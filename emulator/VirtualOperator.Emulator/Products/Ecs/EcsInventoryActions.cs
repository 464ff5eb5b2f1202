using VirtualOperator.Emulator.Api.Ecs;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;
using SupportedModel = VirtualOperator.Emulator.Api.Ecs.DescribeAvailableResourceResponse.AvailableZonesModel.AvailableZoneModel.AvailableResourcesModel.AvailableResourceModel.SupportedResourcesModel.SupportedResourceModel;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// What can be bought where, from the inventory fixture and the partner's stock: DescribeRegions, DescribeZones,
/// DescribeAvailableResource. A zone/type made SoldOut through the control plane shows SoldOut / WithoutStock here.
/// </summary>
internal static class EcsInventoryActions
{
    private const string P = EcsWire.Product, V = EcsWire.Version;

    [Action(P, V, "DescribeRegions")]
    public static object DescribeRegions(ActionContext ctx)
    {
        var req = DescribeRegionsRequest.Of(ctx);
        return new DescribeRegionsResponse
        {
            Regions = new()
            {
                Region = ctx.Get<EcsInventory>().Regions.Select(r => new DescribeRegionsResponse.RegionsModel.RegionModel
                {
                    LocalName = req.AcceptLanguage == "en-US" ? r.RegionId : r.LocalName,
                    RegionEndpoint = r.RegionEndpoint, RegionId = r.RegionId, Status = "available",
                }).ToList(),
            },
            RequestId = ctx.RequestId,
        };
    }

    /// <summary>The region's zones with the instance types in stock for the caller's partner, disk categories and network types.</summary>
    [Action(P, V, "DescribeZones")]
    public static object DescribeZones(ActionContext ctx)
    {
        var req = DescribeZonesRequest.Of(ctx);
        var inventory = ctx.Get<EcsInventory>();
        var stock = ctx.Get<EcsStock>();
        var region = EcsWire.Region(ctx, req.RegionId);
        return new DescribeZonesResponse
        {
            RequestId = ctx.RequestId,
            Zones = new()
            {
                Zone = region.Zones.Select(z =>
                {
                    var types = inventory.InstanceTypes.Where(t => stock.InStock(ctx.PartnerUid, z.ZoneId, t.InstanceTypeId)).ToList();
                    var disks = inventory.SystemDisk.Categories.ToList();
                    return new DescribeZonesResponse.ZonesModel.ZoneModel
                    {
                        AvailableDedicatedHostTypes = new() { DedicatedHostType = [] },
                        AvailableDiskCategories = new() { DiskCategories = disks },
                        AvailableInstanceTypes = new() { InstanceTypes = types.Select(t => t.InstanceTypeId).ToList() },
                        AvailableResourceCreation = new() { ResourceTypes = ["Instance", "Disk", "VSwitch"] },
                        AvailableResources = new()
                        {
                            ResourcesInfo =
                            [
                                new()
                                {
                                    DataDiskCategories = new() { SupportedDataDiskCategory = disks },
                                    InstanceGenerations = new() { SupportedInstanceGeneration = ["ecs-5"] },
                                    InstanceTypeFamilies = new() { SupportedInstanceTypeFamily = types.Select(t => t.Family).Distinct().ToList() },
                                    InstanceTypes = new() { SupportedInstanceType = types.Select(t => t.InstanceTypeId).ToList() },
                                    IoOptimized = true,
                                    NetworkTypes = new() { SupportedNetworkCategory = ["vpc"] },
                                    SystemDiskCategories = new() { SupportedSystemDiskCategory = disks },
                                },
                            ],
                        },
                        AvailableVolumeCategories = new() { VolumeCategories = disks },
                        DedicatedHostGenerations = new() { DedicatedHostGeneration = [] },
                        LocalName = z.LocalName,
                        ZoneId = z.ZoneId,
                        ZoneType = "AvailabilityZone",
                    };
                }).ToList(),
            },
        };
    }

    /// <summary>
    /// What a BUY page may offer: by DestinationResource (Zone, IoOptimized, InstanceType, SystemDisk, DataDisk, Network), per zone,
    /// with Status Available/SoldOut and StatusCategory WithStock/WithoutStock (enum values [I], AFTER-SALES.md §4).
    /// InstanceType, Cores and Memory narrow the instance types.
    /// </summary>
    [Action(P, V, "DescribeAvailableResource")]
    public static object DescribeAvailableResource(ActionContext ctx)
    {
        var req = DescribeAvailableResourceRequest.Of(ctx);
        var inventory = ctx.Get<EcsInventory>();
        var stock = ctx.Get<EcsStock>();
        var region = EcsWire.Region(ctx, req.RegionId);
        var destination = req.DestinationResource;
        if (destination is not ("Zone" or "IoOptimized" or "InstanceType" or "SystemDisk" or "DataDisk" or "Network"))
            throw CommonErrors.InvalidParameter("DestinationResource", "Valid values: Zone, IoOptimized, InstanceType, SystemDisk, DataDisk, Network.");
        var chargeType = req.InstanceChargeType ?? EcsChargeTypes.PostPaid;
        if (chargeType is not (EcsChargeTypes.PrePaid or EcsChargeTypes.PostPaid)) throw EcsErrors.ChargeTypeNotFound();
        var zones = req.ZoneId is { } z ? [region.Zone(z) ?? throw EcsErrors.ZoneNotFound()] : region.Zones;
        var typeFilter = req.InstanceType;
        var cores = req.Cores;
        var memory = req.Memory;
        var types = inventory.InstanceTypes
            .Where(t => typeFilter is null || t.InstanceTypeId == typeFilter)
            .Where(t => cores is null || t.CpuCoreCount == cores)
            .Where(t => memory is null || t.MemorySizeGiB == memory)
            .ToList();

        var rows = zones.Select(zone =>
        {
            var inStock = types.Where(t => stock.InStock(ctx.PartnerUid, zone.ZoneId, t.InstanceTypeId)).ToList();
            var zoneOpen = inStock.Count > 0;
            IReadOnlyList<SupportedModel> supported = destination switch
            {
                "Zone" => [EcsViews.Supported(zone.ZoneId, zoneOpen)],
                "InstanceType" => types.Select(t => EcsViews.Supported(t.InstanceTypeId, inStock.Contains(t))).ToList(),
                "SystemDisk" or "DataDisk" => inventory.SystemDisk.Categories
                    .Select(c => EcsViews.Supported(c, zoneOpen, inventory.SystemDisk.MinGiB, inventory.SystemDisk.MaxGiB, "GiB")).ToList(),
                "Network" => [EcsViews.Supported("vpc", zoneOpen)],
                _ => [EcsViews.Supported("optimized", zoneOpen)],
            };
            return EcsViews.AvailableZone(region.RegionId, zone, destination, zoneOpen, supported);
        }).ToList();
        return new DescribeAvailableResourceResponse { AvailableZones = new() { AvailableZone = rows }, RequestId = ctx.RequestId };
    }
}
