using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>Product information: the catalog and its prices, read-only and the same for every caller.</summary>
internal static class ProductInfoActions
{
    private const string P = BssOpenApiServices.Product, V = BssOpenApiServices.Version;

    /// <summary>One row per product and billing method it is sold with.</summary>
    [Action(P, V, "QueryProductList", Stateful = false)]
    public static object QueryProductList(ActionContext ctx)
    {
        var (num, size) = Wire.Page(ctx, max: 100);
        var rows = ctx.Get<ProductCatalog>().Products
            .SelectMany(p => p.SubscriptionTypes.Select(s => new
            {
                p.ProductCode, p.ProductName, p.ProductType, SubscriptionType = s,
            })).ToList();
        return BssResponse.Ok(ctx, new
        {
            PageNum = num, PageSize = size,
            ProductList = new { Product = rows.Skip((num - 1) * size).Take(size).ToList() },
            TotalCount = rows.Count,
        });
    }

    /// <summary>
    /// The attributes a configuration is made of (Region plus one per module) and the modules priced from them.
    /// A range attribute is one value of Type "range" written "min-max" [I].
    /// </summary>
    [Action(P, V, "DescribePricingModule", Stateful = false)]
    public static object DescribePricingModule(ActionContext ctx)
    {
        var catalog = ctx.Get<ProductCatalog>();
        var product = SoldProduct(ctx, catalog, ctx.Params.RequiredString("SubscriptionType"));
        var priceType = ctx.Params.RequiredString("SubscriptionType") == SubscriptionTypes.Subscription ? "Month" : "Hour";
        var region = new
        {
            Code = Pricing.RegionAttribute, Name = "Region", Unit = "",
            Values = new { AttributeValue = product.Regions.Select(r => new { Name = r, Remark = "", Type = "single", Value = r }).ToList() },
        };
        var attributes = product.Modules.Select(m => new
        {
            m.Code, m.Name, m.Unit,
            Values = new
            {
                AttributeValue = m.Range is { } range
                    ? [new { Name = $"{range.Min}-{range.Max} {m.Unit}".Trim(), Remark = "", Type = "range", Value = $"{range.Min}-{range.Max}" }]
                    : m.Values!.Select(v => new { v.Name, Remark = "", Type = "single", v.Value }).ToList(),
            },
        });
        return BssResponse.Ok(ctx, new
        {
            AttributeList = new { Attribute = attributes.Prepend(region).ToList() },
            ModuleList = new
            {
                Module = product.Modules.Select(m => new
                {
                    ConfigList = new { ConfigList = new[] { m.Code, Pricing.RegionAttribute } },
                    catalog.Currency, ModuleCode = m.Code, ModuleName = m.Name, PriceType = priceType,
                }).ToList(),
            },
        });
    }

    /// <summary>
    /// The price of a subscription order: NewOrder for the modules listed, Renewal and Upgrade of an existing
    /// instance. It equals the amount of the order that CreateInstance, RenewInstance or ModifyInstance then
    /// creates (for NewOrder: when every module of the product is listed).
    /// </summary>
    [Action(P, V, "GetSubscriptionPrice")]
    public static object GetSubscriptionPrice(ActionContext ctx)
    {
        var catalog = ctx.Get<ProductCatalog>();
        if (ctx.Params.RequiredString("SubscriptionType") != SubscriptionTypes.Subscription)
            throw SalesErrors.InvalidValue("SubscriptionType", ctx.Params.RequiredString("SubscriptionType"), [SubscriptionTypes.Subscription]);
        var product = SoldProduct(ctx, catalog, SubscriptionTypes.Subscription);
        var orderType = Wire.OneOf(ctx, "OrderType", null, "NewOrder", "Renewal", "Upgrade");
        var quantity = ctx.Params.Int("Quantity") ?? 1;
        if (quantity is < 1 or > 1000) throw CommonErrors.InvalidParameter("Quantity", "It must be from 1 to 1000.");
        var months = Months(ctx);
        var (listed, region) = ModuleListConfig(ctx, product);
        Quote quote;
        if (orderType == "NewOrder")
        {
            Pricing.Region(product, region);
            quote = Pricing.Subscription(catalog, product, Pricing.ResolveConfig(product, listed, fillDefaults: false), months, quantity);
        }
        else
        {
            var instance = SalesActions.OwnInstance(ctx, ctx.Params.String("InstanceId") ?? throw CommonErrors.MissingParameter("InstanceId"), product);
            quote = orderType == "Renewal"
                ? Pricing.Subscription(catalog, product, instance.Config, months, quantity)
                : Pricing.Change(catalog, product, instance.Config, Overlay(instance.Config, Pricing.ResolveConfig(product, listed, false)),
                    Pricing.RemainingDays(Wire.Utc(instance.EndTime ?? ctx.Now.UtcDateTime), ctx.Now.UtcDateTime));
        }
        return BssResponse.Ok(ctx, new
        {
            quote.Currency, DiscountPrice = quote.DiscountPrice, ModuleDetails = Details(quote), OriginalPrice = quote.OriginalPrice,
            PromotionDetails = new { PromotionDetail = Array.Empty<object>() }, Quantity = quantity, TradePrice = quote.TradePrice,
        });
    }

    /// <summary>Hourly prices of the listed modules ([I] PriceType "Hour" only).</summary>
    [Action(P, V, "GetPayAsYouGoPrice", Stateful = false)]
    public static object GetPayAsYouGoPrice(ActionContext ctx)
    {
        var catalog = ctx.Get<ProductCatalog>();
        if (ctx.Params.RequiredString("SubscriptionType") != SubscriptionTypes.PayAsYouGo)
            throw SalesErrors.InvalidValue("SubscriptionType", ctx.Params.RequiredString("SubscriptionType"), [SubscriptionTypes.PayAsYouGo]);
        var product = SoldProduct(ctx, catalog, SubscriptionTypes.PayAsYouGo);
        var entries = ctx.Params.StructList("ModuleList");
        for (var i = 0; i < entries.Count; i++)
            if (entries[i].GetValueOrDefault("PriceType") is { } pt && pt != "Hour")
                throw SalesErrors.InvalidValue($"ModuleList.{i + 1}.PriceType", pt, ["Hour"]);
        var (listed, region) = ModuleListConfig(ctx, product);
        Pricing.Region(product, region);
        var quote = Pricing.PayAsYouGo(catalog, product, Pricing.ResolveConfig(product, listed, fillDefaults: false));
        return BssResponse.Ok(ctx, new
        {
            quote.Currency, ModuleDetails = Details(quote), PromotionDetails = new { PromotionDetail = Array.Empty<object>() },
        });
    }

    internal static CatalogProduct SoldProduct(ActionContext ctx, ProductCatalog catalog, string subscriptionType)
    {
        if (!SubscriptionTypes.IsValid(subscriptionType))
            throw SalesErrors.InvalidValue("SubscriptionType", subscriptionType, [SubscriptionTypes.Subscription, SubscriptionTypes.PayAsYouGo]);
        var code = ctx.Params.RequiredString("ProductCode");
        var type = ctx.Params.String("ProductType");
        var product = catalog.Find(code, type) ?? throw SalesErrors.InvalidProductCode(code, type);
        return product.Sells(subscriptionType) ? product : throw SalesErrors.NotSold(code, subscriptionType);
    }

    /// <summary>Subscription length in months from ServicePeriodQuantity and ServicePeriodUnit (Month or Year).</summary>
    private static int Months(ActionContext ctx)
    {
        var quantity = ctx.Params.Int("ServicePeriodQuantity") ?? 1;
        var unit = Wire.OneOf(ctx, "ServicePeriodUnit", "Month", "Month", "Year");
        if (quantity is < 1 or > 60) throw CommonErrors.InvalidParameter("ServicePeriodQuantity", "It must be from 1 to 60.");
        var months = unit == "Year" ? quantity * 12 : quantity;
        return months <= 60 ? months : throw CommonErrors.InvalidParameter("ServicePeriodQuantity", "At most 5 years.");
    }

    /// <summary>ModuleList.N.ModuleCode + Config (<c>Code:Value,…</c>) as one configuration; Region may sit in any Config.</summary>
    private static (Dictionary<string, string> Config, string? Region) ModuleListConfig(ActionContext ctx, CatalogProduct product)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        var region = ctx.Params.String("Region");
        foreach (var entry in ctx.Params.StructList("ModuleList"))
        {
            var code = entry.GetValueOrDefault("ModuleCode") ?? "";
            var module = product.Module(code) ?? throw SalesErrors.InvalidModuleCode(product.ProductCode, code);
            var parsed = Pricing.ParseConfig(entry.GetValueOrDefault("Config"));
            if (parsed.TryGetValue(Pricing.RegionAttribute, out var r)) region ??= r;
            config[code] = parsed.GetValueOrDefault(code) ?? module.Default ?? throw SalesErrors.MissingConfig(product.ProductCode, code);
        }
        return (config, region);
    }

    internal static Dictionary<string, string> Overlay(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> changes)
    {
        var d = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (k, v) in changes) d[k] = v;
        return d;
    }

    private static object Details(Quote q) => new
    {
        ModuleDetail = q.Modules.Select(m => new
        {
            m.CostAfterDiscount, InvoiceDiscount = m.Discount, m.ModuleCode, m.OriginalCost, m.UnitPrice,
        }).ToList(),
    };

}
