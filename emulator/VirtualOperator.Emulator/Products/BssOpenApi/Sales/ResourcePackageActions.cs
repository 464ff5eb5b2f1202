using VirtualOperator.Emulator.Protocol.Parsing;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Api.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;
using PackageTypeView = VirtualOperator.Emulator.Api.BssOpenApi.DescribeResourcePackageProductResponse.DataModel.ResourcePackagesModel.ResourcePackageModel.PackageTypesModel.PackageTypeModel;
using PackageProperty = VirtualOperator.Emulator.Api.BssOpenApi.DescribeResourcePackageProductResponse.DataModel.ResourcePackagesModel.ResourcePackageModel.PackageTypesModel.PackageTypeModel.PropertiesModel.PropertyModel;
using PackageSpecification = VirtualOperator.Emulator.Api.BssOpenApi.DescribeResourcePackageProductResponse.DataModel.ResourcePackagesModel.ResourcePackageModel.PackageTypesModel.PackageTypeModel.SpecificationsModel.SpecificationModel;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// Resource packages: prepaid amounts (traffic, storage, capacity units) of a product for a term. They are
/// instances of kind ResourcePackage: bought, renewed and upgraded through orders like any other, they expire
/// at their expiry time and are never released [I]. Usage is not metered, so the remaining amount stays whole [I].
/// </summary>
internal static class ResourcePackageActions
{
    private const string P = BssOpenApiServices.Product, V = BssOpenApiServices.Version;

    [Action(P, V, "DescribeResourcePackageProduct", Stateful = false)]
    public static object DescribeResourcePackageProduct(ActionContext ctx)
    {
        var product = PackagedProduct(ctx, DescribeResourcePackageProductRequest.Of(ctx).ProductCode);
        return BssResponse.Success(ctx, new DescribeResourcePackageProductResponse
        {
            Data = new()
            {
                ResourcePackages = new()
                {
                    ResourcePackage =
                    [
                        new()
                        {
                            Name = product.ProductName,
                            PackageTypes = new() { PackageType = product.ResourcePackages!.Select(PackageTypeOf).ToList() },
                            ProductCode = product.ProductCode, ProductType = product.ProductType,
                        },
                    ],
                },
            },
        });
    }

    private static PackageTypeView PackageTypeOf(CatalogPackageType t) => new()
    {
        Name = t.Name,
        Properties = new() { Property = t.Properties.Select(p => new PackageProperty { Name = p.Name, Value = p.Value }).ToList() },
        Specifications = new()
        {
            Specification = t.Specifications.Select(s => new PackageSpecification
            {
                // The catalog leaves AvailableDuration untyped (JsonNode); the SDK model has Name, Unit and a numeric Value.
                AvailableDurations = new()
                {
                    AvailableDuration = s.AvailableDurations.Select(d => Duration($"{d} Month", "Month", d)).Append(Duration("1 Year", "Year", 1)).ToList(),
                },
                Name = s.Name, Value = s.Value,
            }).ToList(),
        },
        // The package type's code (the PackageType parameter of the purchase calls): in the SDK model
        // (DescribeResourcePackageProductResponseBodyDataResourcePackagesResourcePackagePackageTypesPackageType.code), not in the catalog.
        NotInCatalog = new Dictionary<string, object?> { ["Code"] = t.PackageType },
    };

    private static JsonNode Duration(string name, string unit, int value) => new JsonObject { ["Name"] = name, ["Unit"] = unit, ["Value"] = value };

    /// <summary>OrderType BUY (default), RENEW or UPGRADE [I values]; equals the order the matching action creates.</summary>
    [Action(P, V, "GetResourcePackagePrice")]
    public static object GetResourcePackagePrice(ActionContext ctx)
    {
        var req = GetResourcePackagePriceRequest.Of(ctx);
        var catalog = ctx.Get<ProductCatalog>();
        var product = PackagedProduct(ctx, req.ProductCode);
        var (_, spec) = Spec(ctx, product, req.PackageType, req.Specification);
        var months = Months(ctx, spec);
        var orderType = Wire.OneOf(ctx, "OrderType", "BUY", "BUY", "RENEW", "UPGRADE");
        var quote = orderType == "BUY" ? Pricing.Package(catalog, spec, months) : InstanceQuote(ctx, req, catalog, product, orderType, spec, months);
        return BssResponse.Success(ctx, new GetResourcePackagePriceResponse
        {
            Data = new()
            {
                Currency = quote.Currency, DiscountPrice = quote.DiscountPrice, OriginalPrice = quote.OriginalPrice,
                Promotions = new() { Promotion = [] }, TradePrice = quote.TradePrice,
            },
        });
    }

    /// <summary>Buys a package; EffectiveDate (ISO-8601, not in the past) defaults to now.</summary>
    [Action(P, V, "CreateResourcePackage")]
    public static object CreateResourcePackage(ActionContext ctx)
    {
        var req = CreateResourcePackageRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired);
        var catalog = ctx.Get<ProductCatalog>();
        var product = PackagedProduct(ctx, req.ProductCode);
        var (type, spec) = Spec(ctx, product, req.PackageType, req.Specification);
        var months = Months(ctx, spec);
        var effective = Wire.TimeParam(ctx, "EffectiveDate") ?? ctx.Now.UtcDateTime;
        if (effective < ctx.Now.UtcDateTime.AddMinutes(-5)) throw CommonErrors.InvalidParameter("EffectiveDate", "It may not lie in the past.");
        var quote = Pricing.Package(catalog, spec, months);
        var store = ctx.Get<SalesStore>();
        var desk = ctx.Get<OrderDesk>();
        var order = desk.Place(ctx.PartnerUid, buyer, null, Wire.Digest(ctx), ctx.Now, () =>
        {
            var instance = new SalesInstance
            {
                Id = store.NewInstanceId(product.ProductCode.ToUpperInvariant() + "BAG"), PartnerUid = ctx.PartnerUid, CustomerUid = buyer,
                Kind = InstanceKinds.ResourcePackage, ProductCode = product.ProductCode, ProductType = product.ProductType,
                Region = product.Regions[0], Currency = catalog.Currency, CreateTime = ctx.Now.UtcDateTime,
                EffectiveTime = effective, EndTime = effective.AddMonths(months), PackageType = type.PackageType, Specification = spec.Value,
                RenewStatus = RenewStatuses.Manual,
            };
            var o = PackageOrder(ctx, instance, type, spec, OrderTypes.New, quote, null);
            o.UsageStartTime = effective;
            o.UsageEndTime = instance.EndTime;
            return desk.Creating(instance, o);
        });
        var orderId = OrderNumber(order);
        return BssResponse.Success(ctx, new CreateResourcePackageResponse
        {
            Data = new() { InstanceId = order.InstanceId, OrderId = orderId }, OrderId = orderId,
        });
    }

    [Action(P, V, "QueryResourcePackageInstances")]
    public static object QueryResourcePackageInstances(ActionContext ctx)
    {
        var req = QueryResourcePackageInstancesRequest.Of(ctx);
        var scope = ctx.Get<CustomerScope>().Visible(ctx);
        var (num, size) = Wire.Page(ctx);
        var productCode = req.ProductCode;
        var (from, to) = (Wire.TimeParam(ctx, "ExpiryTimeStart"), Wire.TimeParam(ctx, "ExpiryTimeEnd"));
        var catalog = ctx.Get<ProductCatalog>();
        var rows = ctx.Get<SalesStore>().InstancesOf(ctx.PartnerUid, scope, InstanceKinds.ResourcePackage)
            .Where(i => productCode is null || i.ProductCode == productCode)
            .Where(i => from is null || Wire.Utc(i.EndTime!.Value) >= from)
            .Where(i => to is null || Wire.Utc(i.EndTime!.Value) <= to)
            .ToList();
        var page = rows.OnPage(num, size).Select(i =>
        {
            var spec = catalog.Find(i.ProductCode)?.PackageType(i.PackageType!)?.Specification(i.Specification!);
            var amount = spec?.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0";
            return new QueryResourcePackageInstancesResponse.DataModel.InstancesModel.InstanceModel
            {
                ApplicableProducts = new() { Product = [i.ProductCode] }, CommodityCode = i.ProductCode + "bag", DeductType = "Absolute",
                EffectiveTime = Wire.Time(i.EffectiveTime ?? i.CreateTime), ExpiryTime = Wire.Time(i.EndTime!.Value), InstanceId = i.Id,
                PackageType = i.PackageType!, Region = i.Region, RemainingAmount = amount, RemainingAmountUnit = spec?.Unit ?? "",
                Remark = spec?.Name ?? i.Specification!,
                Status = i.Status == InstanceStatuses.Normal ? "Available" : "Expired",
                TotalAmount = amount, TotalAmountUnit = spec?.Unit ?? "",
            };
        }).ToList();
        return BssResponse.Success(ctx, new QueryResourcePackageInstancesResponse
        {
            Data = new()
            {
                HostId = ctx.Action.Host, Instances = new() { Instance = page },
                PageNum = Str(num), PageSize = Str(size), TotalCount = Str(rows.Count),
            },
            Page = num, PageSize = size, Total = rows.Count,
        });
    }

    /// <summary>Adds Duration × PricingCycle to a package that has not expired.</summary>
    [Action(P, V, "RenewResourcePackage")]
    public static object RenewResourcePackage(ActionContext ctx)
    {
        var req = RenewResourcePackageRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired);
        var catalog = ctx.Get<ProductCatalog>();
        var id = req.InstanceId;
        var store = ctx.Get<SalesStore>();
        var order = ctx.Get<OrderDesk>().Place(ctx.PartnerUid, buyer, null, Wire.Digest(ctx), ctx.Now, () =>
        {
            var (instance, product, type, spec) = OwnPackage(ctx, id, buyer);
            var months = Months(ctx, spec);
            if (instance.Status != InstanceStatuses.Normal) throw SalesErrors.IncorrectInstanceStatus(id, instance.Status, "renewal");
            var o = PackageOrder(ctx, instance, type, spec, OrderTypes.Renew, Pricing.Package(catalog, spec, months), null);
            o.UsageStartTime = instance.EndTime;
            o.UsageEndTime = Wire.Utc(instance.EndTime!.Value).AddMonths(months);
            return new OrderPlan(o, _ =>
            {
                SubscriptionLifecycle.Extend(instance, months, ctx.Now.UtcDateTime);
                store.Update(instance);
            });
        });
        var orderId = OrderNumber(order);
        return BssResponse.Success(ctx, new RenewResourcePackageResponse
        {
            Data = new() { InstanceId = order.InstanceId, OrderId = orderId }, OrderId = orderId,
        });
    }

    /// <summary>Moves a package to a larger specification, paying the monthly difference for the remaining days.</summary>
    [Action(P, V, "UpgradeResourcePackage")]
    public static object UpgradeResourcePackage(ActionContext ctx)
    {
        var req = UpgradeResourcePackageRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired);
        var catalog = ctx.Get<ProductCatalog>();
        var id = req.InstanceId;
        // The catalog marks Specification optional; an upgrade needs a target.
        var target = req.Specification ?? throw CommonErrors.MissingParameter("Specification");
        var store = ctx.Get<SalesStore>();
        var order = ctx.Get<OrderDesk>().Place(ctx.PartnerUid, buyer, null, Wire.Digest(ctx), ctx.Now, () =>
        {
            var (instance, product, type, spec) = OwnPackage(ctx, id, buyer);
            if (instance.Status != InstanceStatuses.Normal) throw SalesErrors.IncorrectInstanceStatus(id, instance.Status, "upgrade");
            var (_, to) = Spec(ctx, product, type.PackageType, target);
            if (to.Monthly <= spec.Monthly) throw SalesErrors.NotAChange(id, "Upgrade");
            var quote = Pricing.PackageChange(catalog, spec, to, Pricing.RemainingDays(Wire.Utc(instance.EndTime!.Value), ctx.Now.UtcDateTime));
            instance.Specification = to.Value;
            var o = PackageOrder(ctx, instance, type, to, OrderTypes.Upgrade, quote, spec);
            o.UsageStartTime = ctx.Now.UtcDateTime;
            o.UsageEndTime = instance.EndTime;
            return new OrderPlan(o, _ => store.Update(instance));
        });
        var orderId = OrderNumber(order);
        return BssResponse.Success(ctx, new UpgradeResourcePackageResponse
        {
            Data = new() { InstanceId = order.InstanceId, OrderId = orderId }, OrderId = orderId,
        });
    }

    private static Quote InstanceQuote(ActionContext ctx, GetResourcePackagePriceRequest req, ProductCatalog catalog, CatalogProduct product,
        string orderType, CatalogSpecification spec, int months)
    {
        var id = req.InstanceId ?? throw CommonErrors.MissingParameter("InstanceId");
        var (instance, _, _, current) = OwnPackage(ctx, id, ctx.Get<CustomerScope>().Visible(ctx));
        if (instance.ProductCode != product.ProductCode) throw SalesErrors.InstanceNotFound(id);
        return orderType == "RENEW"
            ? Pricing.Package(catalog, current, months)
            : Pricing.PackageChange(catalog, current, spec, Pricing.RemainingDays(Wire.Utc(instance.EndTime!.Value), ctx.Now.UtcDateTime));
    }

    private static CatalogProduct PackagedProduct(ActionContext ctx, string code)
    {
        var product = ctx.Get<ProductCatalog>().Find(code);
        return product?.ResourcePackages is { Count: > 0 } ? product : throw SalesErrors.InvalidProductCode(code, null);
    }

    private static (CatalogPackageType Type, CatalogSpecification Spec) Spec(ActionContext ctx, CatalogProduct product, string packageType, string specification)
    {
        var type = product.PackageType(packageType)
            ?? throw SalesErrors.InvalidValue("PackageType", packageType, product.ResourcePackages!.Select(t => t.PackageType));
        var spec = type.Specification(specification)
            ?? throw SalesErrors.InvalidValue("Specification", specification, type.Specifications.Select(s => s.Value));
        return (type, spec);
    }

    /// <summary>Duration in PricingCycle units (Month: one of the specification's durations; Year: 1 to 5).</summary>
    /// <remarks>
    /// Read from the parameters for the three package calls alike: the catalog types Duration as Number for
    /// CreateResourcePackage and Integer for the others, while all three take whole months or years.
    /// </remarks>
    private static int Months(ActionContext ctx, CatalogSpecification spec)
    {
        var cycle = Wire.OneOf(ctx, "PricingCycle", ctx.Action.Action == "RenewResourcePackage" ? null : "Month", "Month", "Year");
        var duration = ctx.Params.Int("Duration") ?? throw CommonErrors.MissingParameter("Duration");
        if (cycle == "Year")
            return duration is >= 1 and <= 5 ? duration * 12 : throw CommonErrors.InvalidParameter("Duration", "From 1 to 5 years.");
        return spec.AvailableDurations.Contains(duration) ? duration
            : throw SalesErrors.InvalidValue("Duration", duration.ToString(System.Globalization.CultureInfo.InvariantCulture),
                spec.AvailableDurations.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static (SalesInstance, CatalogProduct, CatalogPackageType, CatalogSpecification) OwnPackage(ActionContext ctx, string id, string? scope)
    {
        var i = ctx.Get<SalesStore>().Instance(id);
        if (i is null || i.PartnerUid != ctx.PartnerUid || i.Kind != InstanceKinds.ResourcePackage || (scope is not null && i.CustomerUid != scope))
            throw SalesErrors.InstanceNotFound(id);
        var product = ctx.Get<ProductCatalog>().Find(i.ProductCode) ?? throw SalesErrors.InstanceNotFound(id);
        var type = product.PackageType(i.PackageType!) ?? throw SalesErrors.InstanceNotFound(id);
        var spec = type.Specification(i.Specification!) ?? throw SalesErrors.InstanceNotFound(id);
        return (i, product, type, spec);
    }

    private static Order PackageOrder(ActionContext ctx, SalesInstance i, CatalogPackageType type, CatalogSpecification spec, string orderType, Quote quote,
        CatalogSpecification? original) => new()
    {
        InstanceId = i.Id, ProductCode = i.ProductCode, ProductType = i.ProductType, SubscriptionType = SubscriptionTypes.Subscription,
        OrderType = orderType, Region = i.Region, Config = $"PackageType:{type.PackageType},Specification:{spec.Value}",
        OriginalConfig = original is null ? null : $"PackageType:{type.PackageType},Specification:{original.Value}",
        Currency = quote.Currency, GrossAmount = quote.OriginalPrice, Amount = quote.TradePrice, Operator = ctx.CustomerUid ?? ctx.PartnerUid,
        Modules = [new OrderModule { Code = type.PackageType, Name = type.Name, Value = spec.Value, OriginalValue = original?.Value }],
    };

    /// <summary>CreateResourcePackage, RenewResourcePackage and UpgradeResourcePackage answer the order id as a number, twice.</summary>
    private static long OrderNumber(Order order) => long.Parse(order.Id, System.Globalization.CultureInfo.InvariantCulture);

    private static string Str(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
