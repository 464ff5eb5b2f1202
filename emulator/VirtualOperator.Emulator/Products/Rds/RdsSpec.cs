namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>A checked configuration: what the inventory sells in that region and zone.</summary>
public sealed record RdsSpec(EngineSpec Engine, string Version, string Category, ClassSpec Class, string StorageType, int Storage)
{
    /// <summary>
    /// Checks engine, version, edition, class, storage type and size against the inventory, in that order, and answers the
    /// first refusal. Category defaults to the class's edition and the storage type to the edition's first one [I].
    /// </summary>
    public static RdsSpec Check(RdsInventory inventory, string engine, string version, string? category, string classCode,
        string? storageType, int storage)
    {
        var e = inventory.Engine(engine) ?? throw RdsErrors.InvalidEngine(engine);
        if (!e.Versions.Contains(version)) throw RdsErrors.InvalidEngineVersion(engine, version);
        if (category is not null && !e.Categories.ContainsKey(category)) throw RdsErrors.InvalidCategory(engine, category);
        var found = inventory.Class(classCode);
        if (found is null) throw RdsErrors.InvalidClass(classCode, "no such class");
        var (classEngine, classCategory, cls) = found.Value;
        if (classEngine.Engine != engine) throw RdsErrors.InvalidClass(classCode, $"it is a {classEngine.Engine} class, not {engine}");
        if (category is not null && classCategory != category)
            throw RdsErrors.InvalidClass(classCode, $"it is a {classCategory} class, not {category}");
        var edition = e.Categories[classCategory];
        var type = storageType ?? edition.StorageTypes[0];
        if (!edition.StorageTypes.Contains(type)) throw RdsErrors.InvalidStorageType(type, engine, classCategory);
        var range = inventory.StorageTypes[type];
        if (storage < range.Min || storage > range.Max || storage % range.Step != 0) throw RdsErrors.InvalidStorage(storage, range, type);
        return new RdsSpec(e, version, classCategory, cls, type, storage);
    }

    /// <summary>Region and zone (the zone defaults to the region's first) [I].</summary>
    public static (string Region, string Zone) Place(RdsInventory inventory, string region, string? zone)
    {
        if (!inventory.Regions.ContainsKey(region)) throw RdsErrors.InvalidRegion(region);
        var z = zone ?? inventory.ZonesOf(region).First();
        // A multi-zone value "a:b" names the primary's zone first.
        var primary = z.Split(':')[0];
        if (!inventory.HasZone(region, primary)) throw RdsErrors.InvalidZone(primary, region);
        return (region, primary);
    }
}
