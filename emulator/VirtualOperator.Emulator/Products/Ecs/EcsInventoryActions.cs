using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// What can be bought where, from the inventory fixture and the partner's stock: DescribeRegions, DescribeZones,
/// DescribeAvailableResource. A zone/type made SoldOut through the control plane shows SoldOut / WithoutStock here.
/// </summary>
internal static class EcsInventoryActions
{
    private const string P = EcsWire.Product, V = EcsWire.Version;

    [Action(P, V, "DescribeRegions")]
    public static object DescribeRegions(ActionContext ctx) => new
    {
        RequestId = ctx.RequestId,
        Regions = new
        {
            Region = ctx.Get<EcsInventory>().Regions.Select(r => new
            {
                LocalName = ctx.Params.String("AcceptLanguage") == "en-US" ? r.RegionId : r.LocalName,
                RegionEndpoint = r.RegionEndpoint, RegionId = r.RegionId, Status = "available",
            }).ToArray(),
        },
    };

    /// <summary>The region's zones with the instance types in stock for the caller's partner, disk categories and network types.</summary>
    [Action(P, V, "DescribeZones")]
    public static object DescribeZones(ActionContext ctx)
    {
        var inventory = ctx.Get<EcsInventory>();
        var stock = ctx.Get<EcsStock>();
        var region = EcsWire.Region(ctx);
        return new
        {
            RequestId = ctx.RequestId,
            Zones = new
            {
                Zone = region.Zones.Select(z =>
                {
                    var types = inventory.InstanceTypes.Where(t => stock.InStock(ctx.PartnerUid, z.ZoneId, t.InstanceTypeId)).ToList();
                    var disks = inventory.SystemDisk.Categories.ToArray();
                    return new
                    {
                        AvailableDedicatedHostTypes = new { DedicatedHostType = Array.Empty<string>() },
                        AvailableDiskCategories = new { DiskCategories = disks },
                        AvailableInstanceTypes = new { InstanceTypes = types.Select(t => t.InstanceTypeId).ToArray() },
                        AvailableResourceCreation = new { ResourceTypes = new[] { "Instance", "Disk", "VSwitch" } },
                        AvailableResources = new
                        {
                            ResourcesInfo = new[]
                            {
                                new
                                {
                                    DataDiskCategories = new { supportedDataDiskCategory = disks },
                                    InstanceGenerations = new { supportedInstanceGeneration = new[] { "ecs-5" } },
                                    InstanceTypeFamilies = new { supportedInstanceTypeFamily = types.Select(t => t.Family).Distinct().ToArray() },
                                    InstanceTypes = new { supportedInstanceType = types.Select(t => t.InstanceTypeId).ToArray() },
                                    IoOptimized = true,
                                    NetworkTypes = new { supportedNetworkCategory = new[] { "vpc" } },
                                    SystemDiskCategories = new { supportedSystemDiskCategory = disks },
                                },
                            },
                        },
                        AvailableVolumeCategories = new { VolumeCategories = disks },
                        DedicatedHostGenerations = new { DedicatedHostGeneration = Array.Empty<string>() },
                        LocalName = z.LocalName,
                        ZoneId = z.ZoneId,
                        ZoneType = "AvailabilityZone",
                    };
                }).ToArray(),
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
        var inventory = ctx.Get<EcsInventory>();
        var stock = ctx.Get<EcsStock>();
        var region = EcsWire.Region(ctx);
        var destination = ctx.Params.RequiredString("DestinationResource");
        if (destination is not ("Zone" or "IoOptimized" or "InstanceType" or "SystemDisk" or "DataDisk" or "Network"))
            throw CommonErrors.InvalidParameter("DestinationResource", "Valid values: Zone, IoOptimized, InstanceType, SystemDisk, DataDisk, Network.");
        var chargeType = ctx.Params.String("InstanceChargeType") ?? EcsChargeTypes.PostPaid;
        if (chargeType is not (EcsChargeTypes.PrePaid or EcsChargeTypes.PostPaid)) throw EcsErrors.ChargeTypeNotFound();
        var zones = ctx.Params.String("ZoneId") is { } z ? [region.Zone(z) ?? throw EcsErrors.ZoneNotFound()] : region.Zones;
        var typeFilter = ctx.Params.String("InstanceType");
        var cores = ctx.Params.Int("Cores");
        var memory = ctx.Params.Decimal("Memory");
        var types = inventory.InstanceTypes
            .Where(t => typeFilter is null || t.InstanceTypeId == typeFilter)
            .Where(t => cores is null || t.CpuCoreCount == cores)
            .Where(t => memory is null || t.MemorySizeGiB == memory)
            .ToList();

        var rows = zones.Select(zone =>
        {
            var inStock = types.Where(t => stock.InStock(ctx.PartnerUid, zone.ZoneId, t.InstanceTypeId)).ToList();
            var zoneOpen = inStock.Count > 0;
            var supported = destination switch
            {
                "Zone" => [Supported(zone.ZoneId, zoneOpen)],
                "InstanceType" => types.Select(t => Supported(t.InstanceTypeId, inStock.Contains(t))).ToArray(),
                "SystemDisk" or "DataDisk" => inventory.SystemDisk.Categories
                    .Select(c => Supported(c, zoneOpen, inventory.SystemDisk.MinGiB, inventory.SystemDisk.MaxGiB, "GiB")).ToArray(),
                "Network" => [Supported("vpc", zoneOpen)],
                _ => new[] { Supported("optimized", zoneOpen) },
            };
            return new
            {
                AvailableResources = new { AvailableResource = new[] { new { SupportedResources = new { SupportedResource = supported }, Type = destination } } },
                RegionId = region.RegionId,
                Status = zoneOpen ? EcsStock.Available : EcsStock.SoldOut,
                StatusCategory = zoneOpen ? "WithStock" : "WithoutStock",
                ZoneId = zone.ZoneId,
            };
        }).ToArray();
        return new { AvailableZones = new { AvailableZone = rows }, RequestId = ctx.RequestId };
    }

    private static SupportedResource Supported(string value, bool available, int min = 0, int max = 0, string unit = "") =>
        new(max, min, available ? EcsStock.Available : EcsStock.SoldOut, available ? "WithStock" : "WithoutStock", unit, value);

    private sealed record SupportedResource(int Max, int Min, string Status, string StatusCategory, string Unit, string Value);
}
