using VirtualOperator.Emulator.Api.Ecs;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// Reserved instances: PurchaseReservedInstancesOffering (one order), DescribeReservedInstances, ModifyReservedInstances
/// (split, merge, move zone or scope). Prices [I]: a year of one instance is its type's monthly price × 12 × 0.6 for
/// All Upfront, half of that up front for Partial Upfront, nothing up front for No Upfront; the recurring part of
/// Partial/No Upfront and the discount on matching PostPaid instances are not emulated (docs/ecs.md).
/// </summary>
internal static class EcsReservedActions
{
    private const string P = EcsWire.Product, V = EcsWire.Version;
    private const decimal YearShare = 0.6m;

    [Action(P, V, "PurchaseReservedInstancesOffering")]
    public static object PurchaseReservedInstancesOffering(ActionContext ctx)
    {
        var req = PurchaseReservedInstancesOfferingRequest.Of(ctx);
        var customer = ctx.Get<CustomerScope>().Buyer(ctx, EcsErrors.OwnerRequired);
        var inventory = ctx.Get<EcsInventory>();
        var region = EcsWire.Region(ctx, req.RegionId);
        var type = inventory.InstanceType(req.InstanceType) ?? throw EcsErrors.InstanceTypeNotSupported();
        var scope = req.Scope ?? "Region";
        if (scope is not ("Region" or "Zone")) throw CommonErrors.InvalidParameter("Scope", "Valid values: Region, Zone.");
        var zone = req.ZoneId is { } z ? region.Zone(z) ?? throw EcsErrors.ZoneNotFound() : null;
        if (scope == "Zone" && zone is null) throw CommonErrors.MissingParameter("ZoneId");
        var amount = req.InstanceAmount ?? 1;
        if (amount is < 1 or > 50) throw CommonErrors.InvalidParameter("InstanceAmount", "It must be from 1 to 50.");
        var offering = req.OfferingType ?? "All Upfront";
        if (offering is not ("All Upfront" or "Partial Upfront" or "No Upfront"))
            throw CommonErrors.InvalidParameter("OfferingType", "Valid values: All Upfront, Partial Upfront, No Upfront.");
        var unit = req.PeriodUnit ?? "Year";
        if (unit != "Year") throw EcsErrors.InvalidPeriod("PeriodUnit");
        var years = req.Period ?? 1;
        if (years is not (1 or 3 or 5)) throw EcsErrors.InvalidPeriod("Period");
        var platform = req.Platform ?? "Linux";
        if (platform is not ("Linux" or "Windows")) throw CommonErrors.InvalidParameter("Platform", "Valid values: Linux, Windows.");
        if (zone is not null && !ctx.Get<EcsStock>().InStock(ctx.PartnerUid, zone.ZoneId, type.InstanceTypeId)) throw EcsErrors.NoStock();

        var upfront = offering switch { "All Upfront" => 1m, "Partial Upfront" => 0.5m, _ => 0m };
        var amountDue = Math.Round(type.MonthlyPrice * 12 * YearShare * years * amount * upfront, 2, MidpointRounding.AwayFromZero);
        var store = ctx.Get<EcsStore>();
        var now = ctx.Now.UtcDateTime;
        // Tag is the repeat list Tag.N.Key/Value (the catalog lists one string): read from ctx.Params.
        var tags = ctx.Params.StructList("Tag").Select(t => new EcsTag { Key = t.GetValueOrDefault("Key") ?? "", Value = t.GetValueOrDefault("Value") ?? "" }).ToList();
        var order = EcsWire.Place(ctx, customer, () =>
        {
            var ri = new EcsReservedInstance
            {
                Id = store.NewReservedInstanceId(region.RegionId), PartnerUid = ctx.PartnerUid, CustomerUid = customer, RegionId = region.RegionId,
                ZoneId = scope == "Zone" ? zone!.ZoneId : "", Scope = scope, InstanceType = type.InstanceTypeId, InstanceAmount = amount,
                OfferingType = offering, Platform = platform, Name = req.ReservedInstanceName ?? "",
                Description = req.Description ?? "", CreationTime = now, StartTime = now, ExpiredTime = now.AddYears(years), Tags = tags,
            };
            var o = new Order
            {
                InstanceId = ri.Id, ProductCode = EcsWire.ProductCode, ProductType = "ReservedInstance", SubscriptionType = SubscriptionTypes.Subscription,
                OrderType = OrderTypes.New, Region = region.RegionId, Currency = inventory.Currency, GrossAmount = amountDue, Amount = amountDue,
                Quantity = amount, Operator = ctx.CustomerUid ?? ctx.PartnerUid, UsageStartTime = now, UsageEndTime = ri.ExpiredTime,
                Config = $"InstanceType:{type.InstanceTypeId},Scope:{scope},OfferingType:{offering},InstanceAmount:{amount}",
            };
            return new OrderPlan(o, paid =>
            {
                ri.OrderId = paid.Id;
                store.Upsert(ri);
            });
        });
        return new PurchaseReservedInstancesOfferingResponse
        {
            OrderId = order.Id, RequestId = ctx.RequestId, ReservedInstanceIdSets = new() { ReservedInstanceId = [order.InstanceId] },
        };
    }

    /// <summary>The caller's reserved instances in RegionId, filtered and paged (PageSize up to 100, default 10). Status is Active until
    /// ExpiredTime, then Expired; one replaced by ModifyReservedInstances is Inactive [I].</summary>
    [Action(P, V, "DescribeReservedInstances")]
    public static object DescribeReservedInstances(ActionContext ctx)
    {
        var req = DescribeReservedInstancesRequest.Of(ctx);
        var region = EcsWire.Region(ctx, req.RegionId);
        var customer = ctx.Get<CustomerScope>().Visible(ctx);
        var now = ctx.Now.UtcDateTime;
        // ReservedInstanceId.N and Status.N are repeat lists (the catalog lists one string each): read from ctx.Params.
        var ids = ctx.Params.StringList("ReservedInstanceId");
        var statuses = ctx.Params.StringList("Status");
        var rows = (customer is null ? [] : ctx.Get<EcsStore>().ReservedOf(ctx.PartnerUid, customer))
            .Where(r => r.RegionId == region.RegionId)
            .Where(r => ids.Count == 0 || ids.Contains(r.Id))
            .Where(r => statuses.Count == 0 || statuses.Contains(StatusOf(r, now)))
            .Where(r => req.ZoneId is not { } z || r.ZoneId == z)
            .Where(r => req.InstanceType is not { } t || r.InstanceType == t)
            .Where(r => req.InstanceTypeFamily is not { } f || r.InstanceType.StartsWith(f + ".", StringComparison.Ordinal))
            .Where(r => req.ReservedInstanceName is not { } n || r.Name == n)
            .Where(r => req.Scope is not { } s || r.Scope == s)
            .Where(r => req.OfferingType is not { } o || r.OfferingType == o)
            .ToList();
        var (page, _, number, size) = EcsPaging.Page(ctx, rows, defaultSize: 10, maxSize: 100, tokens: false);
        return new DescribeReservedInstancesResponse
        {
            PageNumber = number, PageSize = size, RequestId = ctx.RequestId,
            ReservedInstances = new() { ReservedInstance = page.Select(r => EcsViews.Reserved(r, StatusOf(r, now))).ToList() },
            TotalCount = rows.Count,
        };
    }

    /// <summary>
    /// Splits, merges or moves reserved instances: ReservedInstanceId.N (Active, of one region, family, platform and end time) are
    /// replaced by Configuration.N (InstanceType of the same family, InstanceAmount, Scope, ZoneId, ReservedInstanceName) of the
    /// same total capacity (vCPUs × amount); the originals become Inactive [I]. No charge.
    /// </summary>
    [Action(P, V, "ModifyReservedInstances")]
    public static object ModifyReservedInstances(ActionContext ctx)
    {
        var req = ModifyReservedInstancesRequest.Of(ctx);
        var customer = ctx.Get<CustomerScope>().Buyer(ctx, EcsErrors.OwnerRequired);
        var region = EcsWire.Region(ctx, req.RegionId);
        var inventory = ctx.Get<EcsInventory>();
        var store = ctx.Get<EcsStore>();
        // ReservedInstanceId.N and Configuration.N.* are repeat lists (the catalog lists one string each): read from ctx.Params.
        var ids = ctx.Params.StringList("ReservedInstanceId").Distinct().ToList();
        if (ids.Count == 0) throw CommonErrors.MissingParameter("ReservedInstanceId.1");
        var configs = ctx.Params.StructList("Configuration");
        if (configs.Count == 0) throw CommonErrors.MissingParameter("Configuration.1.InstanceType");
        var now = ctx.Now.UtcDateTime;
        var created = ctx.Get<OrderDesk>().UnderCustomerLock(customer, () =>
        {
            var sources = ids.Select(id => store.ReservedInstance(id) is { } r && r.PartnerUid == ctx.PartnerUid && r.CustomerUid == customer
                && r.RegionId == region.RegionId ? r : throw EcsErrors.ReservedInstanceNotFound(id)).ToList();
            if (sources.Any(r => StatusOf(r, now) != "Active")) throw EcsErrors.IncorrectInstanceStatus();
            var family = inventory.InstanceType(sources[0].InstanceType)!.Family;
            if (sources.Any(r => inventory.InstanceType(r.InstanceType)!.Family != family || r.Platform != sources[0].Platform
                                 || r.ExpiredTime != sources[0].ExpiredTime))
                throw EcsErrors.InvalidParameter("ReservedInstanceId", "The reserved instances must share instance family, platform and expiry time.");
            var targets = configs.Select((c, n) =>
            {
                var type = inventory.InstanceType(c.GetValueOrDefault("InstanceType") ?? sources[0].InstanceType) ?? throw EcsErrors.InstanceTypeNotSupported();
                if (type.Family != family) throw EcsErrors.InvalidParameter($"Configuration.{n + 1}.InstanceType", "It must be of the same instance family.");
                var amount = int.TryParse(c.GetValueOrDefault("InstanceAmount") ?? "1", out var a) && a is >= 1 and <= 50 ? a
                    : throw EcsErrors.InvalidParameter($"Configuration.{n + 1}.InstanceAmount", "It must be from 1 to 50.");
                var scope = c.GetValueOrDefault("Scope") ?? "Region";
                if (scope is not ("Region" or "Zone")) throw EcsErrors.InvalidParameter($"Configuration.{n + 1}.Scope", "Valid values: Region, Zone.");
                var zone = c.GetValueOrDefault("ZoneId");
                if (scope == "Zone" && (zone is null || region.Zone(zone) is null)) throw EcsErrors.ZoneNotFound();
                return (Type: type, Amount: amount, Scope: scope, Zone: scope == "Zone" ? zone! : "", Name: c.GetValueOrDefault("ReservedInstanceName") ?? sources[0].Name);
            }).ToList();
            if (sources.Sum(r => inventory.InstanceType(r.InstanceType)!.CpuCoreCount * r.InstanceAmount) != targets.Sum(t => t.Type.CpuCoreCount * t.Amount))
                throw EcsErrors.ReservedCapacityMismatch();
            var news = targets.Select(t => new EcsReservedInstance
            {
                Id = store.NewReservedInstanceId(region.RegionId), PartnerUid = ctx.PartnerUid, CustomerUid = customer, RegionId = region.RegionId,
                ZoneId = t.Zone, Scope = t.Scope, InstanceType = t.Type.InstanceTypeId, InstanceAmount = t.Amount, OfferingType = sources[0].OfferingType,
                Platform = sources[0].Platform, Name = t.Name, Description = sources[0].Description, CreationTime = now, StartTime = now,
                ExpiredTime = sources[0].ExpiredTime, OrderId = sources[0].OrderId, Tags = sources[0].Tags,
            }).ToList();
            foreach (var r in news) store.Upsert(r);
            foreach (var r in sources)
            {
                r.Status = "Inactive";
                r.ReplacedBy = news.Select(n => n.Id).ToList();
                store.Upsert(r);
            }
            return news.Select(n => n.Id).ToArray();
        });
        return new ModifyReservedInstancesResponse { RequestId = ctx.RequestId, ReservedInstanceIdSets = new() { ReservedInstanceId = created } };
    }

    private static string StatusOf(EcsReservedInstance r, DateTime now) =>
        r.Status == "Inactive" ? "Inactive" : now >= Wire.Utc(r.ExpiredTime) ? "Expired" : "Active";
}
