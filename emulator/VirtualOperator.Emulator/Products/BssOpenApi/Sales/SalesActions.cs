using VirtualOperator.Emulator.Protocol.Parsing;
using VirtualOperator.Emulator.Api.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// Generic sales: buy, list, renew, set auto-renewal, change the configuration, convert the billing method.
/// Every change that costs something is an order placed through <see cref="OrderDesk"/>.
/// </summary>
internal static class SalesActions
{
    private const string P = BssOpenApiServices.Product, V = BssOpenApiServices.Version;
    private const int MaxMonths = 60;

    /// <summary>
    /// Buys an instance for the customer. Subscription needs Period (months); RenewalStatus defaults to
    /// ManualRenewal and RenewPeriod (months) to Period [I]. Pay-as-you-go orders cost nothing up front [I].
    /// </summary>
    [Action(P, V, "CreateInstance")]
    public static object CreateInstance(ActionContext ctx)
    {
        var req = CreateInstanceRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired);
        var catalog = ctx.Get<ProductCatalog>();
        var subscriptionType = req.SubscriptionType;
        var product = ProductInfoActions.SoldProduct(ctx, catalog, subscriptionType);
        var parameters = Parameters(ctx);
        var region = Pricing.Region(product, parameters.GetValueOrDefault(Pricing.RegionAttribute));
        var config = Pricing.ResolveConfig(product, parameters, fillDefaults: true);
        var subscription = subscriptionType == SubscriptionTypes.Subscription;
        var months = subscription ? Period("Period", req.Period) : 0;
        var renewStatus = Wire.OneOf(ctx, "RenewalStatus", RenewStatuses.Manual, RenewStatuses.Auto, RenewStatuses.Manual, RenewStatuses.Not);
        var renewMonths = ctx.Params.Has("RenewPeriod") ? Period("RenewPeriod", req.RenewPeriod) : Math.Max(months, 1);
        var quote = subscription ? Pricing.Subscription(catalog, product, config, months) : Quote.Free(catalog.Currency);
        var now = ctx.Now.UtcDateTime;

        var store = ctx.Get<SalesStore>();
        var desk = ctx.Get<OrderDesk>();
        var order = desk.Place(ctx.PartnerUid, buyer, Wire.ClientToken(ctx), Wire.Digest(ctx), ctx.Now, () =>
        {
            var instance = new SalesInstance
            {
                Id = store.NewInstanceId(product.InstanceIdPrefix), PartnerUid = ctx.PartnerUid, CustomerUid = buyer,
                ProductCode = product.ProductCode, ProductType = product.ProductType, SubscriptionType = subscriptionType,
                Region = region, Config = config, Currency = catalog.Currency, CreateTime = now,
                EndTime = subscription ? now.AddMonths(months) : null,
                RenewStatus = renewStatus, RenewalDuration = renewMonths, RenewalDurationUnit = "M",
            };
            var o = NewOrder(product, instance, OrderTypes.New, quote, ctx);
            o.UsageStartTime = now;
            o.UsageEndTime = instance.EndTime;
            return desk.Creating(instance, o);
        });
        return BssResponse.Success(ctx, new CreateInstanceResponse { Data = new() { InstanceId = order.InstanceId, OrderId = order.Id } });
    }

    /// <summary>The caller's instances (a partner: every customer's, or OwnerId's); released ones are gone [I].</summary>
    [Action(P, V, "QueryAvailableInstances")]
    public static object QueryAvailableInstances(ActionContext ctx)
    {
        var req = QueryAvailableInstancesRequest.Of(ctx);
        var scope = ctx.Get<CustomerScope>().Visible(ctx);
        var (num, size) = Wire.Page(ctx);
        var ids = (req.InstanceIDs ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length > 100) throw CommonErrors.InvalidParameter("InstanceIDs", "At most 100 instance ids.");
        var (productCode, productType, subscriptionType, region, renewStatus) =
            (req.ProductCode, req.ProductType, req.SubscriptionType, req.Region, req.RenewStatus);
        var (endFrom, endTo) = (Wire.TimeParam(ctx, "EndTimeStart"), Wire.TimeParam(ctx, "EndTimeEnd"));
        var (createFrom, createTo) = (Wire.TimeParam(ctx, "CreateTimeStart"), Wire.TimeParam(ctx, "CreateTimeEnd"));
        var store = ctx.Get<SalesStore>();
        // ECS instances are sold through their own API but listed here too, as on the real BSS (ProductCode ecs).
        var rows = store.InstancesOf(ctx.PartnerUid, scope, InstanceKinds.Generic).Concat(store.InstancesOf(ctx.PartnerUid, scope, InstanceKinds.Ecs))
            .OrderBy(i => i.CreateTime).ThenBy(i => i.Id, StringComparer.Ordinal)
            .Where(i => !i.IsReleased)
            .Where(i => ids.Length == 0 || ids.Contains(i.Id))
            .Where(i => productCode is null || i.ProductCode == productCode)
            .Where(i => productType is null || i.ProductType == productType)
            .Where(i => subscriptionType is null || i.SubscriptionType == subscriptionType)
            .Where(i => region is null || i.Region == region)
            .Where(i => renewStatus is null || i.RenewStatus == renewStatus)
            .Where(i => endFrom is null || (i.EndTime is { } e && Wire.Utc(e) >= endFrom))
            .Where(i => endTo is null || (i.EndTime is { } e2 && Wire.Utc(e2) <= endTo))
            .Where(i => createFrom is null || Wire.Utc(i.CreateTime) >= createFrom)
            .Where(i => createTo is null || Wire.Utc(i.CreateTime) <= createTo)
            .ToList();
        return BssResponse.Success(ctx, new QueryAvailableInstancesResponse
        {
            Data = new()
            {
                InstanceList = rows.OnPage(num, size).Select(View).ToList(),
                PageNum = num, PageSize = size, TotalCount = rows.Count,
            },
        });
    }

    /// <summary>Adds RenewPeriod months to a subscription's term, also to an expired one not yet released.</summary>
    [Action(P, V, "RenewInstance")]
    public static object RenewInstance(ActionContext ctx)
    {
        var req = RenewInstanceRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired);
        var catalog = ctx.Get<ProductCatalog>();
        var product = Product(catalog, req.ProductCode, req.ProductType);
        var months = Period("RenewPeriod", req.RenewPeriod);
        var instanceId = req.InstanceId;
        var store = ctx.Get<SalesStore>();
        var order = ctx.Get<OrderDesk>().Place(ctx.PartnerUid, buyer, Wire.ClientToken(ctx), Wire.Digest(ctx), ctx.Now, () =>
        {
            var instance = OwnInstance(ctx, instanceId, product, buyer);
            if (instance.SubscriptionType != SubscriptionTypes.Subscription) throw SalesErrors.NotASubscription(instance.Id, "renewal");
            if (instance.IsReleased) throw SalesErrors.IncorrectInstanceStatus(instance.Id, instance.Status, "renewal");
            var o = NewOrder(product, instance, OrderTypes.Renew, Pricing.Subscription(catalog, product, instance.Config, months), ctx);
            o.UsageStartTime = instance.EndTime;
            o.UsageEndTime = Wire.Utc(instance.EndTime!.Value).AddMonths(months);
            return new OrderPlan(o, _ =>
            {
                SubscriptionLifecycle.Extend(instance, months, ctx.Now.UtcDateTime);
                store.Update(instance);
            });
        });
        return BssResponse.Success(ctx, new RenewInstanceResponse { Data = new() { OrderId = order.Id } });
    }

    /// <summary>
    /// Sets how instances renew. AutoRenewal needs RenewalPeriod (RenewalPeriodUnit M or Y, default M).
    /// All listed instances must exist and be subscriptions, or nothing changes.
    /// </summary>
    [Action(P, V, "SetRenewal")]
    public static object SetRenewal(ActionContext ctx)
    {
        var req = SetRenewalRequest.Of(ctx);
        var scope = ctx.Get<CustomerScope>().Visible(ctx);
        var product = Product(ctx.Get<ProductCatalog>(), req.ProductCode, req.ProductType);
        var status = Wire.OneOf(ctx, "RenewalStatus", null, RenewStatuses.Auto, RenewStatuses.Manual, RenewStatuses.Not);
        var unit = Wire.OneOf(ctx, "RenewalPeriodUnit", "M", "M", "Y");
        var period = req.RenewalPeriod;
        if (status == RenewStatuses.Auto && period is null) throw CommonErrors.MissingParameter("RenewalPeriod");
        if (period is { } p && (p < 1 || (unit == "M" ? p : p * 12) > MaxMonths))
            throw CommonErrors.InvalidParameter("RenewalPeriod", $"It must be from 1 month to {MaxMonths / 12} years.");
        var ids = req.InstanceIDs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (ids.Count is 0 or > 100) throw CommonErrors.InvalidParameter("InstanceIDs", "From 1 to 100 instance ids, separated by commas.");
        var instances = ids.Select(id => RenewableInstance(ctx, id, product, scope)).ToList();

        var store = ctx.Get<SalesStore>();
        var desk = ctx.Get<OrderDesk>();
        foreach (var found in instances)
            desk.UnderCustomerLock(found.CustomerUid, () =>
            {
                var i = RenewableInstance(ctx, found.Id, product, scope);
                i.RenewStatus = status;
                if (period is { } months)
                {
                    i.RenewalDuration = months;
                    i.RenewalDurationUnit = unit;
                }
                store.Update(i);
                return 0;
            });
        return BssResponse.Success(ctx, new SetRenewalResponse());
    }

    /// <summary>
    /// Upgrades or downgrades the configuration given as Parameter.N.Code/Value. An upgrade of a subscription
    /// costs the monthly difference for the remaining days; a downgrade costs nothing and refunds nothing [I].
    /// </summary>
    [Action(P, V, "ModifyInstance")]
    public static object ModifyInstance(ActionContext ctx)
    {
        var req = ModifyInstanceRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired);
        var catalog = ctx.Get<ProductCatalog>();
        var product = Product(catalog, req.ProductCode, req.ProductType);
        // The catalog marks InstanceId optional; without it there is nothing to modify.
        var instanceId = req.InstanceId ?? throw CommonErrors.MissingParameter("InstanceId");
        var modifyType = Wire.OneOf(ctx, "ModifyType", null, "Upgrade", "Downgrade");
        var changes = Pricing.ResolveConfig(product, Parameters(ctx), fillDefaults: false);
        var store = ctx.Get<SalesStore>();
        var order = ctx.Get<OrderDesk>().Place(ctx.PartnerUid, buyer, Wire.ClientToken(ctx), Wire.Digest(ctx), ctx.Now, () =>
        {
            var instance = OwnInstance(ctx, instanceId, product, buyer);
            if (instance.Status != InstanceStatuses.Normal) throw SalesErrors.IncorrectInstanceStatus(instance.Id, instance.Status, modifyType);
            var target = ProductInfoActions.Overlay(instance.Config, changes);
            var (before, after) = (Pricing.MonthlyTotal(product, instance.Config), Pricing.MonthlyTotal(product, target));
            if (modifyType == "Upgrade" ? after <= before : after >= before) throw SalesErrors.NotAChange(instance.Id, modifyType);
            var quote = instance.SubscriptionType == SubscriptionTypes.Subscription
                ? Pricing.Change(catalog, product, instance.Config, target, Pricing.RemainingDays(Wire.Utc(instance.EndTime!.Value), ctx.Now.UtcDateTime))
                : Quote.Free(catalog.Currency);
            var original = instance.Config;
            instance.Config = target;
            var o = NewOrder(product, instance, modifyType == "Upgrade" ? OrderTypes.Upgrade : OrderTypes.Downgrade, quote, ctx, original);
            o.UsageStartTime = ctx.Now.UtcDateTime;
            o.UsageEndTime = instance.EndTime;
            return new OrderPlan(o, _ => store.Update(instance));
        });
        return BssResponse.Success(ctx, new ModifyInstanceResponse { Data = new() { HostId = ctx.Action.Host, OrderId = order.Id } });
    }

    /// <summary>
    /// Pay-as-you-go to subscription (Period months, paid now) or back (free, no refund) [I]. The direction follows
    /// the instance's current billing method; SubscriptionType is checked for a valid value only [I].
    /// </summary>
    [Action(P, V, "ConvertChargeType")]
    public static object ConvertChargeType(ActionContext ctx)
    {
        var req = ConvertChargeTypeRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired);
        var catalog = ctx.Get<ProductCatalog>();
        var product = Product(catalog, req.ProductCode, req.ProductType);
        Wire.OneOf(ctx, "SubscriptionType", null, SubscriptionTypes.Subscription, SubscriptionTypes.PayAsYouGo);
        var instanceId = req.InstanceId;
        var store = ctx.Get<SalesStore>();
        var now = ctx.Now.UtcDateTime;
        var order = ctx.Get<OrderDesk>().Place(ctx.PartnerUid, buyer, Wire.ClientToken(ctx), Wire.Digest(ctx), ctx.Now, () =>
        {
            var instance = OwnInstance(ctx, instanceId, product, buyer);
            if (instance.Status != InstanceStatuses.Normal) throw SalesErrors.IncorrectInstanceStatus(instance.Id, instance.Status, "charge type conversion");
            var toSubscription = instance.SubscriptionType == SubscriptionTypes.PayAsYouGo;
            var target = toSubscription ? SubscriptionTypes.Subscription : SubscriptionTypes.PayAsYouGo;
            if (!product.Sells(target)) throw SalesErrors.NotSold(product.ProductCode, target);
            var months = toSubscription ? Period("Period", req.Period) : 0;
            instance.SubscriptionType = target;
            var quote = toSubscription ? Pricing.Subscription(catalog, product, instance.Config, months) : Quote.Free(catalog.Currency);
            var o = NewOrder(product, instance, OrderTypes.Convert, quote, ctx);
            o.UsageStartTime = now;
            o.UsageEndTime = toSubscription ? now.AddMonths(months) : null;
            return new OrderPlan(o, _ =>
            {
                instance.EndTime = o.UsageEndTime;
                instance.NoticeSentForEnd = null;
                SubscriptionLifecycle.Schedule(instance);
                store.Update(instance);
            });
        });
        return BssResponse.Success(ctx, new ConvertChargeTypeResponse { Data = new() { OrderId = order.Id } });
    }

    /// <summary>An instance of the partner within the caller's scope, of the named product; else not found.</summary>
    internal static SalesInstance OwnInstance(ActionContext ctx, string instanceId, CatalogProduct product, string? scope = null)
    {
        scope ??= ctx.Get<CustomerScope>().Visible(ctx);
        var i = ctx.Get<SalesStore>().Instance(instanceId);
        return i is not null && i.PartnerUid == ctx.PartnerUid && i.Kind == InstanceKinds.Generic
               && (scope is null || i.CustomerUid == scope) && i.ProductCode == product.ProductCode
            ? i : throw SalesErrors.InstanceNotFound(instanceId);
    }

    private static SalesInstance RenewableInstance(ActionContext ctx, string id, CatalogProduct product, string? scope)
    {
        var i = OwnInstance(ctx, id, product, scope);
        if (i.SubscriptionType != SubscriptionTypes.Subscription) throw SalesErrors.NotASubscription(i.Id, "renewal settings");
        if (i.IsReleased) throw SalesErrors.IncorrectInstanceStatus(i.Id, i.Status, "renewal settings");
        return i;
    }

    private static CatalogProduct Product(ProductCatalog catalog, string code, string? type) =>
        catalog.Find(code, type) ?? throw SalesErrors.InvalidProductCode(code, type);

    private static int Period(string name, int? value)
    {
        var months = value ?? throw CommonErrors.MissingParameter(name);
        return months is >= 1 and <= MaxMonths ? months : throw CommonErrors.InvalidParameter(name, $"It must be from 1 to {MaxMonths} months.");
    }

    /// <summary>Parameter.N.Code/Value as a map; the last of a repeated code wins (a repeat list: the request type holds only its raw text).</summary>
    private static Dictionary<string, string> Parameters(ActionContext ctx)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in ctx.Params.StructList("Parameter")) d[p.GetValueOrDefault("Code") ?? ""] = p.GetValueOrDefault("Value") ?? "";
        return d;
    }

    private static Order NewOrder(CatalogProduct product, SalesInstance instance, string orderType, Quote quote, ActionContext ctx,
        IReadOnlyDictionary<string, string>? original = null) =>
        OrderDesk.OrderFor(product, instance, orderType, quote, ctx.CustomerUid ?? ctx.PartnerUid, original);

    /// <summary>One row of QueryAvailableInstances; times that do not apply are left out (null), as the real service does.</summary>
    private static QueryAvailableInstancesResponse.DataModel.InstanceListModel View(SalesInstance i) => new()
    {
        CreateTime = Wire.Time(i.CreateTime), EndTime = Wire.Time(i.EndTime), ExpectedReleaseTime = Wire.Time(i.ExpectedReleaseTime),
        InstanceID = i.Id, OwnerId = long.Parse(i.CustomerUid, System.Globalization.CultureInfo.InvariantCulture),
        ProductCode = i.ProductCode, ProductType = i.ProductType, Region = i.Region, ReleaseTime = Wire.Time(i.ReleaseTime),
        RenewStatus = i.RenewStatus, RenewalDuration = i.RenewalDuration, RenewalDurationUnit = i.RenewalDurationUnit,
        Seller = Seller, SellerId = SellerId, Status = i.Status, StopTime = Wire.Time(i.StopTime), SubStatus = i.SubStatus,
        SubscriptionType = i.SubscriptionType,
    };

    /// <summary>[I] the seller of record is Alibaba Cloud's own seller id.</summary>
    private const string Seller = "26842";
    private const long SellerId = 26842;
}
