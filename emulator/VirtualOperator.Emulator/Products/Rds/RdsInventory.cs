using System.Text.Json;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// What RDS sells, loaded from <c>fixtures/seed/rds.json</c>: regions and zones, engines with their versions,
/// editions (categories) and class codes with cores, memory and prices, storage types with their ranges, and the
/// limits (read-only instances per primary, proxy sizes, backup retention). Prices and limits are [I] (docs/rds.md).
/// </summary>
public sealed class RdsInventory
{
    public string Currency { get; init; } = "CNY";
    /// <summary>[I] a year of subscription costs this many months.</summary>
    public int YearMonths { get; init; } = 10;
    public Dictionary<string, List<string>> Regions { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, StorageTypeSpec> StorageTypes { get; init; } = new(StringComparer.Ordinal);
    public List<EngineSpec> Engines { get; init; } = [];
    public ProxySpec Proxy { get; init; } = new();
    public RangeSpec BackupRetention { get; init; } = new();
    public RangeSpec CrossBackupRetention { get; init; } = new();

    public EngineSpec? Engine(string engine) => Engines.FirstOrDefault(e => e.Engine == engine);

    public IEnumerable<string> ZonesOf(string region) => Regions.TryGetValue(region, out var z) ? z : [];

    public bool HasZone(string region, string zone) => ZonesOf(region).Contains(zone);

    /// <summary>The class code anywhere in the inventory, with its engine and category.</summary>
    public (EngineSpec Engine, string Category, ClassSpec Class)? Class(string code)
    {
        foreach (var e in Engines)
            foreach (var (category, c) in e.Categories)
                if (c.Classes.FirstOrDefault(k => k.Code == code) is { } found) return (e, category, found);
        return null;
    }

    public static RdsInventory Load(string path)
    {
        using var stream = File.OpenRead(path);
        var inventory = JsonSerializer.Deserialize<RdsInventory>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidDataException($"{path} holds no RDS inventory.");
        foreach (var e in inventory.Engines)
            foreach (var (category, c) in e.Categories)
                foreach (var t in c.StorageTypes)
                    if (!inventory.StorageTypes.ContainsKey(t))
                        throw new InvalidDataException($"{path}: {e.Engine} {category} names storage type {t}, which is not listed.");
        return inventory;
    }

    public static string DefaultPath(string? fixturesPath) =>
        Path.Combine(fixturesPath ?? Path.Combine(AppContext.BaseDirectory, "fixtures"), "seed", "rds.json");
}

public sealed class EngineSpec
{
    public string Engine { get; init; } = "";
    public List<string> Versions { get; init; } = [];
    public string Port { get; init; } = "";
    public int MaxReadOnly { get; init; }
    public List<string> ReadOnlyCategories { get; init; } = [];
    public List<string> ProxyCategories { get; init; } = [];
    public bool RestoreTable { get; init; }
    public Dictionary<string, CategorySpec> Categories { get; init; } = new(StringComparer.Ordinal);
}

public sealed class CategorySpec
{
    public List<string> StorageTypes { get; init; } = [];
    public List<ClassSpec> Classes { get; init; } = [];
}

public sealed class ClassSpec
{
    public string Code { get; init; } = "";
    public int Cpu { get; init; }
    public int MemoryMb { get; init; }
    public decimal Monthly { get; init; }
    public decimal Hourly { get; init; }
}

public sealed class StorageTypeSpec
{
    public int Min { get; init; }
    public int Max { get; init; }
    public int Step { get; init; }
    public decimal MonthlyPerGb { get; init; }
    public decimal HourlyPerGb { get; init; }
}

public sealed class ProxySpec
{
    public List<string> Types { get; init; } = [];
    public int MinInstances { get; init; } = 1;
    public int MaxInstances { get; init; } = 16;
}

public sealed class RangeSpec
{
    public int Min { get; init; }
    public int Max { get; init; }
    public int Default { get; init; }
}
