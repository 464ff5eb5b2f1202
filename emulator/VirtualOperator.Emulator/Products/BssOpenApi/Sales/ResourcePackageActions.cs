using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

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
        var product = PackagedProduct(ctx);
        return BssResponse.Ok(ctx, new
        {
            ResourcePackages = new
            {
                ResourcePackage = new[]
                {
                    new
                    {
                        Name = product.ProductName,
                        PackageTypes = new
                        {
                            PackageType = product.ResourcePackages!.Select(t => new
                            {
                                Code = t.PackageType, t.Name,
                                Properties = new { Property = t.Properties.Select(p => new { p.Name, p.Value }).ToList() },
                                Specifications = new
                                {
                                    Specification = t.Specifications.Select(s => new
                                    {
                                        AvailableDurations = new
                                        {
                                            AvailableDuration = s.AvailableDurations.Select(d => new { Name = $"{d} Month", Unit = "Month", Value = d })
                                                .Concat([new { Name = "1 Year", Unit = "Year", Value = 1 }]).ToList(),
                                        },
                                        s.Name, s.Value,
                                    }).ToList(),
                                },
                            }).ToList(),
                        },
                        product.ProductCode, product.ProductType,
                    },
                },
            },
        });
    }

    /// <summary>OrderType BUY (default), RENEW or UPGRADE [I values]; equals the order the matching action creates.</summary>
    [Action(P, V, "GetResourcePackagePrice")]
    public static object GetResourcePackagePrice(ActionContext ctx)
    {
        var catalog = ctx.Get<ProductCatalog>();
        var product = PackagedProduct(ctx);
        var (_, spec) = Spec(ctx, product, ctx.Params.RequiredString("PackageType"), ctx.Params.RequiredString("Specification"));
        var months = Months(ctx, spec);
        var orderType = Wire.OneOf(ctx, "OrderType", "BUY", "BUY", "RENEW", "UPGRADE");
        var quote = orderType == "BUY" ? Pricing.Package(catalog, spec, months) : InstanceQuote(ctx, catalog, product, orderType, spec, months);
        return BssResponse.Ok(ctx, new
        {
            quote.Currency, quote.DiscountPrice, quote.OriginalPrice, Promotions = new { Promotion = Array.Empty<object>() }, quote.TradePrice,
        });
    }

    /// <summary>Buys a package; EffectiveDate (ISO-8601, not in the past) defaults to now.</summary>
    [Action(P, V, "CreateResourcePackage")]
    public static object CreateResourcePackage(ActionContext ctx)
    {
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired);
        var catalog = ctx.Get<ProductCatalog>();
        var product = PackagedProduct(ctx);
        var (type, spec) = Spec(ctx, product, ctx.Params.RequiredString("PackageType"), ctx.Params.RequiredString("Specification"));
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
        return Answer(ctx, order);
    }

    [Action(P, V, "QueryResourcePackageInstances")]
    public static object QueryResourcePackageInstances(ActionContext ctx)
    {
        var scope = ctx.Get<CustomerScope>().Visible(ctx);
        var (num, size) = Wire.Page(ctx);
        var productCode = ctx.Params.String("ProductCode");
        var (from, to) = (Wire.TimeParam(ctx, "ExpiryTimeStart"), Wire.TimeParam(ctx, "ExpiryTimeEnd"));
        var catalog = ctx.Get<ProductCatalog>();
        var rows = ctx.Get<SalesStore>().InstancesOf(ctx.PartnerUid, scope, InstanceKinds.ResourcePackage)
            .Where(i => productCode is null || i.ProductCode == productCode)
            .Where(i => from is null || Wire.Utc(i.EndTime!.Value) >= from)
            .Where(i => to is null || Wire.Utc(i.EndTime!.Value) <= to)
            .ToList();
        var page = rows.Skip((num - 1) * size).Take(size).Select(i =>
        {
            var spec = catalog.Find(i.ProductCode)?.PackageType(i.PackageType!)?.Specification(i.Specification!);
            var amount = spec?.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0";
            return new
            {
                ApplicableProducts = new { Product = new[] { i.ProductCode } }, CommodityCode = i.ProductCode + "bag", DeductType = "Absolute",
                EffectiveTime = Wire.Time(i.EffectiveTime ?? i.CreateTime), ExpiryTime = Wire.Time(i.EndTime!.Value), InstanceId = i.Id,
                PackageType = i.PackageType!, i.Region, RemainingAmount = amount, RemainingAmountUnit = spec?.Unit ?? "",
                Remark = spec?.Name ?? i.Specification!,
                Status = i.Status == InstanceStatuses.Normal ? "Available" : "Expired",
                TotalAmount = amount, TotalAmountUnit = spec?.Unit ?? "",
            };
        }).ToList();
        return new
        {
            Code = "200", Message = "Successful!", RequestId = ctx.RequestId, Success = true,
            Data = new
            {
                HostId = ctx.Action.Host, Instances = new { Instance = page },
                PageNum = Str(num), PageSize = Str(size), TotalCount = Str(rows.Count),
            },
            Page = num, PageSize = size, Total = rows.Count,
        };
    }

    /// <summary>Adds Duration × PricingCycle to a package that has not expired.</summary>
    [Action(P, V, "RenewResourcePackage")]
    public static object RenewResourcePackage(ActionContext ctx)
    {
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired);
        var catalog = ctx.Get<ProductCatalog>();
        var id = ctx.Params.RequiredString("InstanceId");
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
        return Answer(ctx, order);
    }

    /// <summary>Moves a package to a larger specification, paying the monthly difference for the remaining days.</summary>
    [Action(P, V, "UpgradeResourcePackage")]
    public static object UpgradeResourcePackage(ActionContext ctx)
    {
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired);
        var catalog = ctx.Get<ProductCatalog>();
        var id = ctx.Params.RequiredString("InstanceId");
        var target = ctx.Params.String("Specification") ?? throw CommonErrors.MissingParameter("Specification");
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
        return Answer(ctx, order);
    }

    private static Quote InstanceQuote(ActionContext ctx, ProductCatalog catalog, CatalogProduct product, string orderType, CatalogSpecification spec, int months)
    {
        var id = ctx.Params.String("InstanceId") ?? throw CommonErrors.MissingParameter("InstanceId");
        var (instance, _, _, current) = OwnPackage(ctx, id, ctx.Get<CustomerScope>().Visible(ctx));
        if (instance.ProductCode != product.ProductCode) throw SalesErrors.InstanceNotFound(id);
        return orderType == "RENEW"
            ? Pricing.Package(catalog, current, months)
            : Pricing.PackageChange(catalog, current, spec, Pricing.RemainingDays(Wire.Utc(instance.EndTime!.Value), ctx.Now.UtcDateTime));
    }

    private static CatalogProduct PackagedProduct(ActionContext ctx)
    {
        var code = ctx.Params.RequiredString("ProductCode");
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
    private static object Answer(ActionContext ctx, Order order)
    {
        var orderId = long.Parse(order.Id, System.Globalization.CultureInfo.InvariantCulture);
        return new
        {
            Code = "200", Message = "Successful!", RequestId = ctx.RequestId, Success = true,
            Data = new { order.InstanceId, OrderId = orderId }, OrderId = orderId,
        };
    }

    private static string Str(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
