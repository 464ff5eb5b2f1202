using System.Globalization;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>One module's share of a quote, in the order's currency.</summary>
public sealed record ModuleQuote(string ModuleCode, decimal UnitPrice, decimal OriginalCost, decimal CostAfterDiscount)
{
    public decimal Discount => OriginalCost - CostAfterDiscount;
}

/// <summary>A price: what an order for it will cost (<see cref="TradePrice"/>) and how it breaks down.</summary>
public sealed record Quote(string Currency, IReadOnlyList<ModuleQuote> Modules, decimal OriginalPrice, decimal DiscountPrice, decimal TradePrice)
{
    public static Quote Of(string currency, IReadOnlyList<ModuleQuote> modules) => new(currency, modules,
        modules.Sum(m => m.OriginalCost), modules.Sum(m => m.Discount), modules.Sum(m => m.CostAfterDiscount));

    public static Quote Free(string currency) => new(currency, [], 0m, 0m, 0m);
}

/// <summary>
/// The price rules, deterministic so a quote always equals the order it announces:
/// subscription = monthly price × months × quantity, less the catalog's whole-year discount when the months
/// are whole years; upgrade = monthly difference × remaining days / 30; pay-as-you-go = hourly price.
/// Every amount is rounded to cents, half away from zero, per module.
/// </summary>
public static class Pricing
{
    public const string RegionAttribute = "Region";
    public const int DaysPerMonth = 30;

    public static decimal Cents(decimal x) => Math.Round(x, 2, MidpointRounding.AwayFromZero);

    /// <summary>Checks a configuration (attribute code → value) against the product; fills defaults when asked.</summary>
    public static Dictionary<string, string> ResolveConfig(CatalogProduct product, IReadOnlyDictionary<string, string> given, bool fillDefaults)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, value) in given)
        {
            if (code == RegionAttribute) continue;
            var module = product.Module(code) ?? throw SalesErrors.InvalidConfigCode(product.ProductCode, code, value, "the product has no such attribute");
            CheckValue(product, module, value);
            config[code] = value;
        }
        foreach (var module in product.Modules.Where(m => !config.ContainsKey(m.Code)))
        {
            if (fillDefaults && module.Default is { } d) config[module.Code] = d;
            else if (fillDefaults) throw SalesErrors.MissingConfig(product.ProductCode, module.Code);
        }
        return config;
    }

    public static void CheckValue(CatalogProduct product, CatalogModule module, string value)
    {
        if (module.Range is { } r)
        {
            if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n < r.Min || n > r.Max)
                throw SalesErrors.InvalidConfigCode(product.ProductCode, module.Code, value, $"expected a number from {r.Min} to {r.Max}");
        }
        else if (module.Values!.All(v => v.Value != value))
            throw SalesErrors.InvalidConfigCode(product.ProductCode, module.Code, value,
                "expected one of " + string.Join(", ", module.Values!.Select(v => v.Value)));
    }

    public static string Region(CatalogProduct product, string? region)
    {
        var r = region ?? product.Regions[0];
        return product.Regions.Contains(r) ? r : throw SalesErrors.InvalidRegion(product.ProductCode, r);
    }

    public static decimal MonthlyOf(CatalogModule m, string value) =>
        m.Range is null ? m.Values!.First(v => v.Value == value).Monthly : m.Monthly * Number(value);

    public static decimal HourlyOf(CatalogModule m, string value) =>
        m.Range is null ? m.Values!.First(v => v.Value == value).Hourly : m.Hourly * Number(value);

    public static decimal MonthlyTotal(CatalogProduct product, IReadOnlyDictionary<string, string> config) =>
        config.Sum(c => MonthlyOf(product.Module(c.Key)!, c.Value));

    /// <summary>Buying or renewing <paramref name="months"/> of the configured modules.</summary>
    public static Quote Subscription(ProductCatalog catalog, CatalogProduct product, IReadOnlyDictionary<string, string> config, int months, int quantity = 1)
    {
        var yearly = months % 12 == 0;
        var modules = config.Select(c =>
        {
            var unit = MonthlyOf(product.Module(c.Key)!, c.Value);
            var original = Cents(unit * months * quantity);
            var after = yearly ? Cents(original * (100 - catalog.YearDiscountPercent) / 100m) : original;
            return new ModuleQuote(c.Key, unit, original, after);
        }).ToList();
        return Quote.Of(catalog.Currency, modules);
    }

    /// <summary>
    /// Changing the configuration for the rest of the paid term: the monthly difference of each module that
    /// costs more, pro-rated by whole remaining days. A downgrade costs nothing and refunds nothing [I].
    /// </summary>
    public static Quote Change(ProductCatalog catalog, CatalogProduct product, IReadOnlyDictionary<string, string> from,
        IReadOnlyDictionary<string, string> to, int remainingDays)
    {
        var modules = to.Select(c =>
        {
            var module = product.Module(c.Key)!;
            var diff = MonthlyOf(module, c.Value) - (from.TryGetValue(c.Key, out var old) ? MonthlyOf(module, old) : 0m);
            var cost = diff > 0 ? Cents(diff * remainingDays / DaysPerMonth) : 0m;
            return new ModuleQuote(c.Key, diff > 0 ? diff : 0m, cost, cost);
        }).ToList();
        return Quote.Of(catalog.Currency, modules);
    }

    public static Quote PayAsYouGo(ProductCatalog catalog, CatalogProduct product, IReadOnlyDictionary<string, string> config)
    {
        var modules = config.Select(c =>
        {
            var hourly = HourlyOf(product.Module(c.Key)!, c.Value);
            return new ModuleQuote(c.Key, hourly, hourly, hourly);
        }).ToList();
        return Quote.Of(catalog.Currency, modules);
    }

    /// <summary>A resource package of <paramref name="months"/>; same whole-year discount as subscriptions.</summary>
    public static Quote Package(ProductCatalog catalog, CatalogSpecification spec, int months)
    {
        var original = Cents(spec.Monthly * months);
        var after = months % 12 == 0 ? Cents(original * (100 - catalog.YearDiscountPercent) / 100m) : original;
        return Quote.Of(catalog.Currency, [new ModuleQuote(spec.Value, spec.Monthly, original, after)]);
    }

    public static Quote PackageChange(ProductCatalog catalog, CatalogSpecification from, CatalogSpecification to, int remainingDays)
    {
        var diff = to.Monthly - from.Monthly;
        var cost = diff > 0 ? Cents(diff * remainingDays / DaysPerMonth) : 0m;
        return Quote.Of(catalog.Currency, [new ModuleQuote(to.Value, diff > 0 ? diff : 0m, cost, cost)]);
    }

    /// <summary>Whole days left in a term, a started day counting as a full one (stable within a day).</summary>
    public static int RemainingDays(DateTime end, DateTime now) => end <= now ? 0 : (int)Math.Ceiling((end - now).TotalDays);

    /// <summary><c>Code:Value,Code:Value</c>, the Config format of ModuleList entries and orders.</summary>
    public static Dictionary<string, string> ParseConfig(string? config)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (config ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':');
            if (colon <= 0) throw SalesErrors.InvalidConfigFormat(pair);
            d[pair[..colon].Trim()] = pair[(colon + 1)..].Trim();
        }
        return d;
    }

    public static string FormatConfig(IReadOnlyDictionary<string, string> config, string? region = null) =>
        string.Join(',', (region is null ? [] : new[] { $"{RegionAttribute}:{region}" })
            .Concat(config.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}:{c.Value}")));

    private static decimal Number(string value) => decimal.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
