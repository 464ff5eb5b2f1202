using System.Text.Json;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// What ECS sells, loaded once from <c>fixtures/seed/ecs.json</c> (format in docs/ecs.md): regions and zones,
/// instance types, public images, prices and the zones/types sold out from the start. Read-only; stock changed
/// through the control plane lives in <see cref="EcsStock"/>.
/// </summary>
public sealed class EcsInventory
{
    public required string Currency { get; init; }
    /// <summary>Months charged for a year's subscription [I] (10: "buy a year, pay ten months").</summary>
    public required int YearMonthsCharged { get; init; }
    /// <summary>Share of a month's price charged for a week [I].</summary>
    public required decimal WeekFractionOfMonth { get; init; }
    public required EcsBandwidthPrice Bandwidth { get; init; }
    public required EcsDiskPrice SystemDisk { get; init; }
    public required IReadOnlyList<EcsRegion> Regions { get; init; }
    public required IReadOnlyList<EcsInstanceType> InstanceTypes { get; init; }
    public required IReadOnlyList<EcsImage> Images { get; init; }
    public required IReadOnlyList<EcsStockEntry> SoldOut { get; init; }

    public EcsRegion? Region(string regionId) => Regions.FirstOrDefault(r => r.RegionId == regionId);
    public EcsInstanceType? InstanceType(string id) => InstanceTypes.FirstOrDefault(t => t.InstanceTypeId == id);
    public EcsImage? Image(string id) => Images.FirstOrDefault(i => i.ImageId == id);

    public static EcsInventory Load(string path)
    {
        using var stream = File.OpenRead(path);
        var f = JsonSerializer.Deserialize<InventoryFile>(stream, Options) ?? throw new InvalidDataException($"{path} holds no ECS inventory.");
        return new EcsInventory
        {
            Currency = f.Currency, YearMonthsCharged = f.YearMonthsCharged, WeekFractionOfMonth = f.WeekFractionOfMonth,
            Bandwidth = f.Bandwidth, SystemDisk = f.SystemDisk, Regions = f.Regions, InstanceTypes = f.InstanceTypes, Images = f.Images,
            SoldOut = f.SoldOut ?? [],
        };
    }

    public static string DefaultPath(string? fixturesPath) =>
        Path.Combine(fixturesPath ?? Path.Combine(AppContext.BaseDirectory, "fixtures"), "seed", "ecs.json");

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    private sealed record InventoryFile(
        string Currency, int YearMonthsCharged, decimal WeekFractionOfMonth, EcsBandwidthPrice Bandwidth, EcsDiskPrice SystemDisk,
        List<EcsRegion> Regions, List<EcsInstanceType> InstanceTypes, List<EcsImage> Images, List<EcsStockEntry>? SoldOut);
}

public sealed record EcsRegion(string RegionId, string LocalName, string RegionEndpoint, IReadOnlyList<EcsZone> Zones)
{
    public EcsZone? Zone(string zoneId) => Zones.FirstOrDefault(z => z.ZoneId == zoneId);
}

public sealed record EcsZone(string ZoneId, string LocalName);

public sealed record EcsInstanceType(string InstanceTypeId, string Family, int CpuCoreCount, int MemorySizeGiB, decimal HourlyPrice, decimal MonthlyPrice);

public sealed record EcsImage(string ImageId, string OsName, string OsNameEn, string OsType, int SizeGiB);

public sealed record EcsBandwidthPrice(decimal HourlyPerMbps, decimal MonthlyPerMbps, int MaxMbps);

public sealed record EcsDiskPrice(IReadOnlyList<string> Categories, string DefaultCategory, decimal HourlyPerGiB, decimal MonthlyPerGiB, int MinGiB, int MaxGiB);

public sealed record EcsStockEntry(string ZoneId, string InstanceType);
