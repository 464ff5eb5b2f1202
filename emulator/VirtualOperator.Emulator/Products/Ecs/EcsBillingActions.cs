using VirtualOperator.Emulator.Api.Ecs;
using VirtualOperator.Emulator.Products.BssOpenApi;
using System.Globalization;
using System.Security.Cryptography;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// Prices and paid changes: DescribePrice, RenewInstance, ModifyInstanceSpec (PostPaid), ModifyPrepayInstanceSpec (PrePaid),
/// ModifyInstanceNetworkSpec. Every amount comes from <see cref="EcsPricing"/>, so a quote is what the change then charges.
/// </summary>
internal static class EcsBillingActions
{
    private const string P = EcsWire.Product, V = EcsWire.Version;

    /// <summary>
    /// Price of a new instance (ResourceType instance): PriceUnit Hour (default, the PostPaid hourly price metered), Week,
    /// Month or Year × Period × Amount. A Year charges yearMonthsCharged months, shown as the discount with one rule [I].
    /// </summary>
    [Action(P, V, "DescribePrice")]
    public static object DescribePrice(ActionContext ctx)
    {
        var req = DescribePriceRequest.Of(ctx);
        var inventory = ctx.Get<EcsInventory>();
        var pricing = ctx.Get<EcsPricing>();
        EcsWire.Region(ctx, req.RegionId);
        var resourceType = req.ResourceType ?? "instance";
        if (resourceType != "instance") throw CommonErrors.InvalidParameter("ResourceType", "The emulator prices instances only (ResourceType instance).");
        var typeId = req.InstanceType ?? throw CommonErrors.MissingParameter("InstanceType");
        var type = inventory.InstanceType(typeId) ?? throw EcsErrors.InstanceTypeNotSupported();
        var internet = req.InternetChargeType ?? "PayByTraffic";
        if (internet is not ("PayByTraffic" or "PayByBandwidth")) throw EcsErrors.InvalidInternetChargeType();
        var bandwidth = req.InternetMaxBandwidthOut ?? 0;
        if (bandwidth < 0 || bandwidth > inventory.Bandwidth.MaxMbps) throw EcsErrors.InvalidBandwidth();
        var disk = req.SystemDisk_Size ?? 40;
        if (disk < inventory.SystemDisk.MinGiB || disk > inventory.SystemDisk.MaxGiB) throw EcsErrors.SystemDiskSize();
        var unit = req.PriceUnit ?? "Hour";
        var period = req.Period ?? 1;
        var amount = req.Amount ?? 1;
        if (amount is < 1 or > 1000) throw CommonErrors.InvalidParameter("Amount", "It must be from 1 to 1000.");
        var config = new EcsPricing.Config(type, internet, bandwidth, disk);
        var quote = unit switch
        {
            "Hour" => pricing.Hour(config),
            "Week" or "Month" or "Year" when period >= 1 => pricing.Subscription(config, period, unit),
            "Week" or "Month" or "Year" => throw EcsErrors.InvalidPeriod("Period"),
            _ => throw CommonErrors.InvalidParameter("PriceUnit", "Valid values: Hour, Week, Month, Year."),
        };
        quote = quote.Times(amount);
        IReadOnlyList<(string, long)> rules = quote.DiscountPrice > 0 ? [($"A year is charged {inventory.YearMonthsCharged} months.", 1)] : [];
        return new DescribePriceResponse { PriceInfo = EcsViews.Price(quote, rules), RequestId = ctx.RequestId };
    }

    /// <summary>
    /// Renews a PrePaid instance by Period × PeriodUnit (Week or Month; Year [I]) from its current end, also an expired one not
    /// yet released (it runs again). One Renew order; a PostPaid instance answers 403 InvalidChargeType.NotSupported.
    /// </summary>
    [Action(P, V, "RenewInstance")]
    public static object RenewInstance(ActionContext ctx)
    {
        var req = RenewInstanceRequest.Of(ctx);
        var customer = ctx.Get<CustomerScope>().Buyer(ctx, EcsErrors.OwnerRequired);
        var id = req.InstanceId;
        var (period, unit) = EcsLaunch.PeriodOf(() => req.Period, req.PeriodUnit);
        var inventory = ctx.Get<EcsInventory>();
        var fleet = ctx.Get<EcsFleet>();
        var now = ctx.Now.UtcDateTime;
        var order = EcsWire.Place(ctx, customer, () =>
        {
            var i = EcsWire.OwnInstance(ctx, id, customer);
            if (i.InstanceChargeType != EcsChargeTypes.PrePaid) throw EcsErrors.InvalidChargeTypeNotSupported();
            var s = fleet.Subscription(i.Id)!;
            var quote = ctx.Get<EcsPricing>().Subscription(EcsWire.PricingConfig(inventory, i), period, unit);
            var o = EcsWire.NewOrder(ctx, i, SubscriptionTypes.Subscription, OrderTypes.Renew, quote);
            var end = Wire.Utc(s.EndTime!.Value);
            o.UsageStartTime = end;
            o.UsageEndTime = EcsLaunch.Add(end, period, unit);
            return new OrderPlan(o, _ => fleet.ExtendTerm(s, o.UsageEndTime.Value, now));
        });
        return new RenewInstanceResponse { OrderId = order.Id, RequestId = ctx.RequestId };
    }

    /// <summary>
    /// Changes a PostPaid instance's type (it must be Stopped) and/or bandwidth; the meter charges the new hourly price from
    /// now on [I]. No order: nothing is paid up front [I]. A PrePaid instance answers 403 InvalidChargeType.NotSupported.
    /// </summary>
    [Action(P, V, "ModifyInstanceSpec")]
    public static object ModifyInstanceSpec(ActionContext ctx)
    {
        var req = ModifyInstanceSpecRequest.Of(ctx);
        var customer = ctx.Get<CustomerScope>().Buyer(ctx, EcsErrors.OwnerRequired);
        var id = req.InstanceId;
        var inventory = ctx.Get<EcsInventory>();
        var newType = req.InstanceType is { } t ? inventory.InstanceType(t) ?? throw EcsErrors.InstanceTypeNotSupported() : null;
        var bandwidth = req.InternetMaxBandwidthOut;
        if (bandwidth is < 0 || bandwidth > inventory.Bandwidth.MaxMbps) throw EcsErrors.InvalidBandwidth();
        var now = ctx.Now.UtcDateTime;
        var fleet = ctx.Get<EcsFleet>();
        ctx.Get<OrderDesk>().UnderCustomerLock(customer, () =>
        {
            var i = EcsWire.OwnInstance(ctx, id, customer);
            if (i.InstanceChargeType != EcsChargeTypes.PostPaid) throw EcsErrors.InvalidChargeTypeNotSupported();
            var state = fleet.State(i, now);
            if (state.Locks.Count > 0) throw EcsErrors.IncorrectInstanceStatus();
            if (newType is not null && newType.InstanceTypeId != i.InstanceType)
            {
                if (state.Status != EcsStatuses.Stopped) throw EcsErrors.IncorrectInstanceStatus();
                if (!ctx.Get<EcsStock>().InStock(ctx.PartnerUid, i.ZoneId, newType.InstanceTypeId)) throw EcsErrors.NoStock();
            }
            else if (bandwidth is null || bandwidth == i.InternetMaxBandwidthOut) throw EcsErrors.SpecNotChanged();
            if (req.DryRun ?? false) throw EcsErrors.DryRunOperation();
            if (newType is not null) i.InstanceType = newType.InstanceTypeId;
            if (bandwidth is { } b) SetBandwidth(i, b, allocate: false);
            fleet.Reconfigured(i);
            ctx.Get<PayAsYouGoMeter>().Reprice(i.Id, ctx.Get<EcsPricing>().Hourly(EcsWire.PricingConfig(inventory, i)));
            return 0;
        });
        return new ModifyInstanceSpecResponse { RequestId = ctx.RequestId };
    }

    /// <summary>
    /// Changes a PrePaid instance's type for the rest of its term. OperatorType upgrade (default) charges the monthly difference ×
    /// remaining days / 30 (one Upgrade order); downgrade costs nothing and refunds nothing (a Downgrade order of 0) [I].
    /// A type that does not go the stated way answers InvalidInstanceType.ValueNotSupported [I].
    /// </summary>
    [Action(P, V, "ModifyPrepayInstanceSpec")]
    public static object ModifyPrepayInstanceSpec(ActionContext ctx)
    {
        var req = ModifyPrepayInstanceSpecRequest.Of(ctx);
        var customer = ctx.Get<CustomerScope>().Buyer(ctx, EcsErrors.OwnerRequired);
        EcsWire.Region(ctx, req.RegionId);
        var id = req.InstanceId;
        var inventory = ctx.Get<EcsInventory>();
        var pricing = ctx.Get<EcsPricing>();
        var newType = inventory.InstanceType(req.InstanceType) ?? throw EcsErrors.InstanceTypeNotSupported();
        var operatorType = (req.OperatorType ?? "upgrade").ToLowerInvariant();
        if (operatorType is not ("upgrade" or "downgrade")) throw CommonErrors.InvalidParameter("OperatorType", "Valid values: upgrade, downgrade.");
        var fleet = ctx.Get<EcsFleet>();
        var now = ctx.Now.UtcDateTime;
        var order = EcsWire.Place(ctx, customer, () =>
        {
            var i = EcsWire.OwnInstance(ctx, id, customer);
            if (i.InstanceChargeType != EcsChargeTypes.PrePaid) throw EcsErrors.InvalidChargeTypeNotSupported();
            var state = fleet.State(i, now);
            if (state.Locks.Count > 0 || state.Status is not (EcsStatuses.Running or EcsStatuses.Stopped)) throw EcsErrors.IncorrectInstanceStatus();
            var before = EcsWire.PricingConfig(inventory, i);
            var after = before with { Type = newType };
            var up = pricing.Monthly(after) > pricing.Monthly(before);
            if (newType.InstanceTypeId == i.InstanceType || up != (operatorType == "upgrade")) throw EcsErrors.SpecNotChanged();
            if (!ctx.Get<EcsStock>().InStock(ctx.PartnerUid, i.ZoneId, newType.InstanceTypeId)) throw EcsErrors.NoStock();
            var s = fleet.Subscription(i.Id)!;
            var quote = pricing.Change(before, after, EcsPricing.RemainingDays(Wire.Utc(s.EndTime!.Value), now));
            var original = EcsWire.ConfigText(i);
            i.InstanceType = newType.InstanceTypeId;
            var o = EcsWire.NewOrder(ctx, i, SubscriptionTypes.Subscription, up ? OrderTypes.Upgrade : OrderTypes.Downgrade, quote, originalConfig: original);
            o.UsageStartTime = now;
            o.UsageEndTime = s.EndTime;
            return new OrderPlan(o, _ => fleet.Reconfigured(i));
        });
        return new ModifyPrepayInstanceSpecResponse { OrderId = order.Id, RequestId = ctx.RequestId };
    }

    /// <summary>
    /// Changes the public bandwidth (and NetworkChargeType). PrePaid: a higher PayByBandwidth price charges the monthly difference ×
    /// remaining days / 30 (one Upgrade order), a lower one costs nothing [I]. PostPaid: repriced on the meter, no order (OrderId "") [I].
    /// Bandwidth &gt; 0 on an instance without a public IP allocates one (also with AllocatePublicIp=true).
    /// </summary>
    [Action(P, V, "ModifyInstanceNetworkSpec")]
    public static object ModifyInstanceNetworkSpec(ActionContext ctx)
    {
        var req = ModifyInstanceNetworkSpecRequest.Of(ctx);
        var customer = ctx.Get<CustomerScope>().Buyer(ctx, EcsErrors.OwnerRequired);
        var id = req.InstanceId;
        var inventory = ctx.Get<EcsInventory>();
        var pricing = ctx.Get<EcsPricing>();
        var bandwidth = req.InternetMaxBandwidthOut;
        if (bandwidth is < 0 || bandwidth > inventory.Bandwidth.MaxMbps) throw EcsErrors.InvalidBandwidth();
        var chargeType = req.NetworkChargeType;
        if (chargeType is not (null or "PayByTraffic" or "PayByBandwidth")) throw EcsErrors.InvalidInternetChargeType();
        var allocate = req.AllocatePublicIp ?? false;
        var fleet = ctx.Get<EcsFleet>();
        var now = ctx.Now.UtcDateTime;

        var prepaid = ctx.Get<EcsStore>().Instance(id) is { InstanceChargeType: EcsChargeTypes.PrePaid };
        if (!prepaid)
        {
            ctx.Get<OrderDesk>().UnderCustomerLock(customer, () =>
            {
                var i = Changeable(ctx, id, customer, fleet, now);
                Apply(i, bandwidth, chargeType, allocate);
                fleet.Reconfigured(i);
                ctx.Get<PayAsYouGoMeter>().Reprice(i.Id, pricing.Hourly(EcsWire.PricingConfig(inventory, i)));
                return 0;
            });
            return new ModifyInstanceNetworkSpecResponse { OrderId = "", RequestId = ctx.RequestId };
        }
        var order = EcsWire.Place(ctx, customer, () =>
        {
            var i = Changeable(ctx, id, customer, fleet, now);
            var before = EcsWire.PricingConfig(inventory, i);
            var original = EcsWire.ConfigText(i);
            Apply(i, bandwidth, chargeType, allocate);
            var after = EcsWire.PricingConfig(inventory, i);
            var s = fleet.Subscription(i.Id)!;
            var quote = pricing.Change(before, after, EcsPricing.RemainingDays(Wire.Utc(s.EndTime!.Value), now));
            var o = EcsWire.NewOrder(ctx, i, SubscriptionTypes.Subscription,
                pricing.Monthly(after) >= pricing.Monthly(before) ? OrderTypes.Upgrade : OrderTypes.Downgrade, quote, originalConfig: original);
            o.UsageStartTime = now;
            o.UsageEndTime = s.EndTime;
            return new OrderPlan(o, _ => fleet.Reconfigured(i));
        });
        return new ModifyInstanceNetworkSpecResponse { OrderId = order.Id, RequestId = ctx.RequestId };
    }

    private static EcsInstance Changeable(ActionContext ctx, string id, string customer, EcsFleet fleet, DateTime now)
    {
        var i = EcsWire.OwnInstance(ctx, id, customer);
        if (fleet.State(i, now).Locks.Count > 0) throw EcsErrors.IncorrectInstanceStatus();
        return i;
    }

    private static void Apply(EcsInstance i, int? bandwidth, string? chargeType, bool allocate)
    {
        if (chargeType is not null) i.InternetChargeType = chargeType;
        if (bandwidth is { } b) SetBandwidth(i, b, allocate);
        else if (allocate && i.PublicIpAddress is null) i.PublicIpAddress = NewPublicIp();
    }

    private static void SetBandwidth(EcsInstance i, int bandwidth, bool allocate)
    {
        i.InternetMaxBandwidthOut = bandwidth;
        if ((bandwidth > 0 || allocate) && i.PublicIpAddress is null) i.PublicIpAddress = NewPublicIp();
    }

    private static string NewPublicIp() =>
        string.Create(CultureInfo.InvariantCulture, $"47.{RandomNumberGenerator.GetInt32(0, 256)}.{RandomNumberGenerator.GetInt32(0, 256)}.{RandomNumberGenerator.GetInt32(1, 255)}");
}
