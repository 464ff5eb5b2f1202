using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// The generic products sold through BssOpenApi, loaded once from <c>fixtures/seed/products.json</c>
/// (format in docs/sales-and-orders.md). Read-only; ECS and RDS add their own price sources later and reuse
/// <see cref="OrderDesk"/> and <see cref="SubscriptionLifecycle"/> for orders and lifecycles.
/// </summary>
public sealed class ProductCatalog
{
    public required string Currency { get; init; }
    public required int YearDiscountPercent { get; init; }
    public required IReadOnlyList<CatalogProduct> Products { get; init; }

    public CatalogProduct? Find(string productCode, string? productType = null) =>
        Products.FirstOrDefault(p => p.ProductCode == productCode && (string.IsNullOrEmpty(productType) || p.ProductType == productType));

    public static ProductCatalog Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, Options)
            ?? throw new InvalidDataException($"{path} holds no catalog.");
        return new ProductCatalog { Currency = file.Currency, YearDiscountPercent = file.YearDiscountPercent, Products = file.Products };
    }

    public static string DefaultPath(string? fixturesPath) =>
        Path.Combine(fixturesPath ?? Path.Combine(AppContext.BaseDirectory, "fixtures"), "seed", "products.json");

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    private sealed record CatalogFile(string Currency, int YearDiscountPercent, List<CatalogProduct> Products);
}

public sealed record CatalogProduct(
    string ProductCode, string ProductType, string ProductName, string InstanceIdPrefix,
    IReadOnlyList<string> SubscriptionTypes, IReadOnlyList<string> Regions, IReadOnlyList<CatalogModule> Modules,
    IReadOnlyList<CatalogPackageType>? ResourcePackages)
{
    public CatalogModule? Module(string code) => Modules.FirstOrDefault(m => m.Code == code);
    public bool Sells(string subscriptionType) => SubscriptionTypes.Contains(subscriptionType);
    public CatalogPackageType? PackageType(string code) => ResourcePackages?.FirstOrDefault(p => p.PackageType == code);
}

/// <summary>
/// A pricing module with exactly one attribute of the same code: either an enumeration whose values carry
/// their own prices, or a numeric range priced per unit.
/// </summary>
public sealed record CatalogModule(
    string Code, string Name, string Unit, IReadOnlyList<CatalogValue>? Values, CatalogRange? Range,
    decimal Monthly, decimal Hourly, string? Default)
{
    [JsonIgnore] public bool IsRange => Range is not null;
}

public sealed record CatalogValue(string Value, string Name, decimal Monthly, decimal Hourly);

public sealed record CatalogRange(decimal Min, decimal Max);

public sealed record CatalogPackageType(
    string PackageType, string Name, IReadOnlyList<CatalogProperty> Properties, IReadOnlyList<CatalogSpecification> Specifications)
{
    public CatalogSpecification? Specification(string value) => Specifications.FirstOrDefault(s => s.Value == value);
}

public sealed record CatalogProperty(string Name, string Value);

public sealed record CatalogSpecification(string Value, string Name, decimal Amount, string Unit, decimal Monthly, IReadOnlyList<int> AvailableDurations);
