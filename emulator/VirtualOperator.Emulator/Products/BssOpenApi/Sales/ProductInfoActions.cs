using VirtualOperator.Emulator.Protocol.Parsing;
using VirtualOperator.Emulator.Api.BssOpenApi;
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
            .SelectMany(p => p.SubscriptionTypes.Select(s => new QueryProductListResponse.DataModel.ProductListModel.ProductModel
            {
                ProductCode = p.ProductCode, ProductName = p.ProductName, ProductType = p.ProductType, SubscriptionType = s,
            })).ToList();
        return BssResponse.Success(ctx, new QueryProductListResponse
        {
            Data = new()
            {
                PageNum = num, PageSize = size,
                ProductList = new() { Product = rows.OnPage(num, size).ToList() },
                TotalCount = rows.Count,
            },
        });
    }

    /// <summary>
    /// The attributes a configuration is made of (Region plus one per module) and the modules priced from them.
    /// A range attribute is one value of Type "range" written "min-max" [I].
    /// </summary>
    [Action(P, V, "DescribePricingModule", Stateful = false)]
    public static object DescribePricingModule(ActionContext ctx)
    {
        var req = DescribePricingModuleRequest.Of(ctx);
        var catalog = ctx.Get<ProductCatalog>();
        var product = SoldProduct(ctx, catalog, req.SubscriptionType);
        var priceType = req.SubscriptionType == SubscriptionTypes.Subscription ? "Month" : "Hour";
        var region = Attribute(Pricing.RegionAttribute, "Region", "",
            product.Regions.Select(r => AttributeValue(r, "single", r)).ToList());
        var attributes = product.Modules.Select(m => Attribute(m.Code, m.Name, m.Unit, m.Range is { } range
            ? [AttributeValue($"{range.Min}-{range.Max} {m.Unit}".Trim(), "range", $"{range.Min}-{range.Max}")]
            : m.Values!.Select(v => AttributeValue(v.Name, "single", v.Value)).ToList()));
        return BssResponse.Success(ctx, new DescribePricingModuleResponse
        {
            Data = new()
            {
                AttributeList = new() { Attribute = attributes.Prepend(region).ToList() },
                ModuleList = new()
                {
                    Module = product.Modules.Select(m => new DescribePricingModuleResponse.DataModel.ModuleListModel.ModuleModel
                    {
                        ConfigList = new() { ConfigList = [m.Code, Pricing.RegionAttribute] },
                        Currency = catalog.Currency, ModuleCode = m.Code, ModuleName = m.Name, PriceType = priceType,
                    }).ToList(),
                },
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
        var req = GetSubscriptionPriceRequest.Of(ctx);
        var catalog = ctx.Get<ProductCatalog>();
        if (req.SubscriptionType != SubscriptionTypes.Subscription)
            throw SalesErrors.InvalidValue("SubscriptionType", req.SubscriptionType, [SubscriptionTypes.Subscription]);
        var product = SoldProduct(ctx, catalog, SubscriptionTypes.Subscription);
        var orderType = Wire.OneOf(ctx, "OrderType", null, "NewOrder", "Renewal", "Upgrade");
        var quantity = req.Quantity ?? 1;
        if (quantity is < 1 or > 1000) throw CommonErrors.InvalidParameter("Quantity", "It must be from 1 to 1000.");
        var months = Months(ctx, req.ServicePeriodQuantity);
        var (listed, region) = ModuleListConfig(ctx, product, req.Region);
        Quote quote;
        if (orderType == "NewOrder")
        {
            Pricing.Region(product, region);
            quote = Pricing.Subscription(catalog, product, Pricing.ResolveConfig(product, listed, fillDefaults: false), months, quantity);
        }
        else
        {
            var instance = SalesActions.OwnInstance(ctx, req.InstanceId ?? throw CommonErrors.MissingParameter("InstanceId"), product);
            quote = orderType == "Renewal"
                ? Pricing.Subscription(catalog, product, instance.Config, months, quantity)
                : Pricing.Change(catalog, product, instance.Config, Overlay(instance.Config, Pricing.ResolveConfig(product, listed, false)),
                    Pricing.RemainingDays(Wire.Utc(instance.EndTime ?? ctx.Now.UtcDateTime), ctx.Now.UtcDateTime));
        }
        return BssResponse.Success(ctx, new GetSubscriptionPriceResponse
        {
            Data = new()
            {
                Currency = quote.Currency, DiscountPrice = quote.DiscountPrice, OriginalPrice = quote.OriginalPrice,
                ModuleDetails = new()
                {
                    ModuleDetail = quote.Modules.Select(m => new GetSubscriptionPriceResponse.DataModel.ModuleDetailsModel.ModuleDetailModel
                    {
                        CostAfterDiscount = m.CostAfterDiscount, InvoiceDiscount = m.Discount, ModuleCode = m.ModuleCode,
                        OriginalCost = m.OriginalCost, UnitPrice = m.UnitPrice,
                    }).ToList(),
                },
                PromotionDetails = new() { PromotionDetail = [] }, Quantity = quantity, TradePrice = quote.TradePrice,
            },
        });
    }

    /// <summary>Hourly prices of the listed modules ([I] PriceType "Hour" only).</summary>
    [Action(P, V, "GetPayAsYouGoPrice", Stateful = false)]
    public static object GetPayAsYouGoPrice(ActionContext ctx)
    {
        var req = GetPayAsYouGoPriceRequest.Of(ctx);
        var catalog = ctx.Get<ProductCatalog>();
        if (req.SubscriptionType != SubscriptionTypes.PayAsYouGo)
            throw SalesErrors.InvalidValue("SubscriptionType", req.SubscriptionType, [SubscriptionTypes.PayAsYouGo]);
        var product = SoldProduct(ctx, catalog, SubscriptionTypes.PayAsYouGo);
        // ModuleList is a repeat list (ModuleList.N.*): the catalog types it as one raw string, so it is read as entries here.
        var entries = ctx.Params.StructList("ModuleList");
        for (var i = 0; i < entries.Count; i++)
            if (entries[i].GetValueOrDefault("PriceType") is { } pt && pt != "Hour")
                throw SalesErrors.InvalidValue($"ModuleList.{i + 1}.PriceType", pt, ["Hour"]);
        var (listed, region) = ModuleListConfig(ctx, product, req.Region);
        Pricing.Region(product, region);
        var quote = Pricing.PayAsYouGo(catalog, product, Pricing.ResolveConfig(product, listed, fillDefaults: false));
        return BssResponse.Success(ctx, new GetPayAsYouGoPriceResponse
        {
            Data = new()
            {
                Currency = quote.Currency,
                ModuleDetails = new()
                {
                    ModuleDetail = quote.Modules.Select(m => new GetPayAsYouGoPriceResponse.DataModel.ModuleDetailsModel.ModuleDetailModel
                    {
                        CostAfterDiscount = m.CostAfterDiscount, InvoiceDiscount = m.Discount, ModuleCode = m.ModuleCode,
                        OriginalCost = m.OriginalCost, UnitPrice = m.UnitPrice,
                    }).ToList(),
                },
                PromotionDetails = new() { PromotionDetail = [] },
            },
        });
    }

    /// <remarks>
    /// Shared by CreateInstance, DescribePricingModule, GetSubscriptionPrice and GetPayAsYouGoPrice, whose request types all
    /// list ProductCode and ProductType; read here, after the SubscriptionType check, so the first error stays the same.
    /// </remarks>
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
    private static int Months(ActionContext ctx, int? servicePeriodQuantity)
    {
        var quantity = servicePeriodQuantity ?? 1;
        var unit = Wire.OneOf(ctx, "ServicePeriodUnit", "Month", "Month", "Year");
        if (quantity is < 1 or > 60) throw CommonErrors.InvalidParameter("ServicePeriodQuantity", "It must be from 1 to 60.");
        var months = unit == "Year" ? quantity * 12 : quantity;
        return months <= 60 ? months : throw CommonErrors.InvalidParameter("ServicePeriodQuantity", "At most 5 years.");
    }

    /// <summary>ModuleList.N.ModuleCode + Config (<c>Code:Value,…</c>) as one configuration; Region may sit in any Config.</summary>
    private static (Dictionary<string, string> Config, string? Region) ModuleListConfig(ActionContext ctx, CatalogProduct product, string? region)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
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

    private static DescribePricingModuleResponse.DataModel.AttributeListModel.AttributeModel Attribute(string code, string name, string unit,
        IReadOnlyList<DescribePricingModuleResponse.DataModel.AttributeListModel.AttributeModel.ValuesModel.AttributeValueModel> values) => new()
    {
        Name = name, Unit = unit, Values = new() { AttributeValue = values },
        // The attribute's code: in the SDK model (DescribePricingModuleResponseBodyDataAttributeListAttribute.code), not in the catalog.
        NotInCatalog = new Dictionary<string, object?> { ["Code"] = code },
    };

    private static DescribePricingModuleResponse.DataModel.AttributeListModel.AttributeModel.ValuesModel.AttributeValueModel AttributeValue(
        string name, string type, string value) => new() { Name = name, Remark = "", Type = type, Value = value };

}
