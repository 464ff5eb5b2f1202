using VirtualOperator.Emulator.Protocol.Parsing;
using VirtualOperator.Emulator.Api.Rds;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// Primary instances: buy (CreateDBInstance), list and read, renew, change the class or storage, release.
/// Each change that costs something is one order through the shared <see cref="OrderDesk"/>.
/// </summary>
internal static class InstanceActions
{
    private const string P = RdsServices.Product, V = RdsServices.Version;

    /// <summary>
    /// Buys an instance: Prepaid is paid now from the customer's credit (Period + UsedTime), Postpaid orders cost nothing
    /// up front. The instance is Creating for <see cref="RdsTimings.Create"/> (or a few wall seconds), then Running.
    /// DryRun checks everything and buys nothing.
    /// </summary>
    [Action(P, V, "CreateDBInstance")]
    public static object CreateDBInstance(ActionContext ctx)
    {
        var req = CreateDBInstanceRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        var inv = ctx.Get<RdsInventory>();
        var (region, zone) = RdsSpec.Place(inv, req.RegionId, req.ZoneId);
        var spec = RdsSpec.Check(inv, req.Engine, req.EngineVersion, req.Category, req.DBInstanceClass, req.DBInstanceStorageType,
            req.DBInstanceStorage ?? throw CommonErrors.MissingParameter("DBInstanceStorage"));
        var netType = RdsWire.OneOf("DBInstanceNetType", req.DBInstanceNetType, null, "Intranet", "Internet");
        var billing = RdsBilling.From(ctx);
        var securityIps = req.SecurityIPList;
        if (req.DryRun == true)
            return new CreateDBInstanceResponse { DryRun = true, DryRunResult = true, Message = "Request validation has been passed.", RequestId = ctx.RequestId };

        var desk = ctx.Get<RdsDesk>();
        var order = desk.PlaceNew(ctx, buyer, billing, () => new RdsInstance
        {
            RegionId = region, ZoneId = zone, Engine = spec.Engine.Engine, EngineVersion = spec.Version, Category = spec.Category,
            DBInstanceClass = spec.Class.Code, Storage = spec.Storage, StorageType = spec.StorageType,
            Description = req.DBInstanceDescription ?? "", NetType = netType,
            InstanceNetworkType = req.InstanceNetworkType ?? "VPC", SecurityIPList = securityIps,
            Port = req.Port ?? spec.Engine.Port, DeletionProtection = req.DeletionProtection ?? false,
        }, RdsStatuses.Creating, desk.Timings.Create, Prefix(spec.Engine.Engine, RdsInstanceTypes.Primary));
        var created = ctx.Get<RdsStore>().Instance(order.InstanceId)!;
        return new CreateDBInstanceResponse
        {
            ConnectionString = created.ConnectionString, DBInstanceId = created.Id, DryRun = false, OrderId = order.Id, Port = created.Port,
            RequestId = ctx.RequestId,
        };
    }

    /// <summary>The caller's instances, newest last [I], filtered and paged (PageNumber/PageSize, TotalRecordCount).</summary>
    [Action(P, V, "DescribeDBInstances")]
    public static object DescribeDBInstances(ActionContext ctx)
    {
        var req = DescribeDBInstancesRequest.Of(ctx);
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var region = req.RegionId;
        var (number, size) = RdsWire.Page(ctx);
        var ids = (req.DBInstanceId ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var engine = req.Engine;
        var status = req.DBInstanceStatus;
        var type = req.DBInstanceType;
        var payType = req.PayType;
        var zone = req.ZoneId;
        var desk = ctx.Get<RdsDesk>();
        var rows = ctx.Get<RdsStore>().InstancesOf(ctx.PartnerUid, scope)
            .Where(i => i.RegionId == region)
            .Select(i => (Instance: i, Record: desk.Record(i)))
            .Select(x => (x.Instance, x.Record, Status: desk.StatusOf(x.Instance, ctx.Now, x.Record)))
            .Where(x => x.Status != RdsStatuses.Released)
            .Where(x => ids.Length == 0 || ids.Contains(x.Instance.Id))
            .Where(x => engine is null || x.Instance.Engine == engine)
            .Where(x => status is null || x.Status == status)
            .Where(x => type is null || x.Instance.InstanceType == type)
            .Where(x => payType is null || x.Instance.PayType == payType)
            .Where(x => zone is null || x.Instance.ZoneId == zone)
            .ToList();
        var store = ctx.Get<RdsStore>();
        var page = rows.OnPage(number, size)
            .Select(x => RdsViews.ListItem(x.Instance, x.Record, x.Status, desk.LockModeOf(x.Instance, x.Record), store.ReadOnlyOf(x.Instance.Id).Where(r => !desk.IsReleased(r))))
            .ToList();
        return new DescribeDBInstancesResponse
        {
            Items = new() { DBInstance = page }, PageNumber = number, PageRecordCount = page.Count, RequestId = ctx.RequestId, TotalRecordCount = rows.Count,
        };
    }

    /// <summary>One instance in full.</summary>
    [Action(P, V, "DescribeDBInstanceAttribute")]
    public static object DescribeDBInstanceAttribute(ActionContext ctx)
    {
        var desk = ctx.Get<RdsDesk>();
        var ids = DescribeDBInstanceAttributeRequest.Of(ctx).DBInstanceId.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var inv = ctx.Get<RdsInventory>();
        var store = ctx.Get<RdsStore>();
        var items = ids.Select(id => desk.Own(ctx, id, scope)).Select(i =>
        {
            var record = desk.Record(i);
            return RdsViews.Attribute(i, record, desk.StatusOf(i, ctx.Now, record), desk.LockModeOf(i, record), inv.Class(i.DBInstanceClass)?.Class,
                store.ReadOnlyOf(i.Id).Where(r => !desk.IsReleased(r)));
        }).ToList();
        return new DescribeDBInstanceAttributeResponse { Items = new() { DBInstanceAttribute = items }, RequestId = ctx.RequestId };
    }

    /// <summary>
    /// Renews a Prepaid instance by Period months ([C] 1 to 9, 12, 24, 36, 48, 60), also an expired one not yet released;
    /// AutoRenew=true also turns automatic renewal on. Postpaid instances are refused (nothing to renew).
    /// </summary>
    [Action(P, V, "RenewInstance")]
    public static object RenewInstance(ActionContext ctx)
    {
        var req = RenewInstanceRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        var months = req.Period ?? throw CommonErrors.MissingParameter("Period");
        if (months is not ((>= 1 and <= 9) or 12 or 24 or 36 or 48 or 60))
            throw CommonErrors.InvalidParameter("Period", "It must be 1 to 9, 12, 24, 36, 48 or 60 (months).");
        var id = req.DBInstanceId;
        var autoRenew = req.AutoRenew is { } a ? a.Equals("true", StringComparison.OrdinalIgnoreCase) : (bool?)null;
        var desk = ctx.Get<RdsDesk>();
        var money = ctx.Get<RdsSales>();
        var sales = ctx.Get<SalesStore>();
        var order = ctx.Get<OrderDesk>().Place(ctx.PartnerUid, buyer, Wire.ClientToken(ctx), Wire.Digest(ctx), ctx.Now, () =>
        {
            var rds = desk.Own(ctx, id, buyer);
            if (rds.PayType != RdsPayTypes.Prepaid) throw RdsErrors.PrePayTypeNotSupported();
            var record = desk.Record(rds)!;
            var o = money.Order(record, OrderTypes.Renew, money.Subscription(rds.DBInstanceClass, rds.StorageType, rds.Storage, months), ctx.CustomerUid ?? ctx.PartnerUid);
            o.UsageStartTime = record.EndTime;
            o.UsageEndTime = Wire.Utc(record.EndTime!.Value).AddMonths(months);
            return new OrderPlan(o, _ =>
            {
                if (autoRenew is { } auto) record.RenewStatus = auto ? RenewStatuses.Auto : RenewStatuses.Manual;
                SubscriptionLifecycle.Extend(record, months, ctx.Now.UtcDateTime);
                sales.Update(record);
            });
        });
        return new RenewInstanceResponse { OrderId = long.Parse(order.Id, System.Globalization.CultureInfo.InvariantCulture), RequestId = ctx.RequestId };
    }

    /// <summary>
    /// Changes the class and/or storage of a Running instance. Prepaid: Direction Up (default) must cost more and is charged the
    /// monthly difference for the whole days left; Down must cost less and refunds nothing [I]. Postpaid: either way, free now
    /// (the hourly price follows the new spec). The instance is DBInstanceClassChanging for <see cref="RdsTimings.ClassChange"/>.
    /// </summary>
    [Action(P, V, "ModifyDBInstanceSpec")]
    public static object ModifyDBInstanceSpec(ActionContext ctx)
    {
        var req = ModifyDBInstanceSpecRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        var id = req.DBInstanceId;
        var newClass = req.DBInstanceClass;
        var newStorage = req.DBInstanceStorage;
        if (newClass is null && newStorage is null) throw CommonErrors.MissingParameter("DBInstanceClass");
        var direction = RdsWire.OneOf("Direction", req.Direction, "Up", "Up", "Down");
        var inv = ctx.Get<RdsInventory>();
        var desk = ctx.Get<RdsDesk>();
        var money = ctx.Get<RdsSales>();
        var store = ctx.Get<RdsStore>();
        var order = ctx.Get<OrderDesk>().Place(ctx.PartnerUid, buyer, Wire.ClientToken(ctx), Wire.Digest(ctx), ctx.Now, () =>
        {
            var rds = desk.Own(ctx, id, buyer);
            desk.RequireRunning(rds, ctx.Now);
            var spec = RdsSpec.Check(inv, rds.Engine, rds.EngineVersion, req.Category ?? (newClass is null ? rds.Category : null),
                newClass ?? rds.DBInstanceClass, req.DBInstanceStorageType ?? rds.StorageType, newStorage ?? rds.Storage);
            if (rds.InstanceType == RdsInstanceTypes.Readonly && spec.Category != rds.Category)
                throw RdsErrors.InvalidCategory(rds.Engine, spec.Category);
            if (spec.Class.Code == rds.DBInstanceClass && spec.Storage == rds.Storage && spec.StorageType == rds.StorageType)
                throw RdsErrors.NotAChange(rds.Id, "the new specification equals the current one");
            if (spec.Storage < rds.Storage) throw RdsErrors.NotAChange(rds.Id, "storage can only grow");
            var before = money.Monthly(rds.DBInstanceClass, rds.StorageType, rds.Storage);
            var after = money.Monthly(spec.Class.Code, spec.StorageType, spec.Storage);
            var record = desk.Record(rds)!;
            Quote quote;
            if (rds.PayType == RdsPayTypes.Prepaid)
            {
                if (direction == "Up" && after <= before) throw RdsErrors.NotAChange(rds.Id, "Direction Up must raise the specification of a subscription; use Down");
                if (direction == "Down" && after >= before) throw RdsErrors.NotAChange(rds.Id, "Direction Down must lower the specification");
                quote = money.Change(before, after, Pricing.RemainingDays(Wire.Utc(record.EndTime!.Value), ctx.Now.UtcDateTime));
            }
            else quote = money.Free();
            var original = RdsSales.Config(rds);
            rds.Category = spec.Category;
            rds.DBInstanceClass = spec.Class.Code;
            rds.Storage = spec.Storage;
            rds.StorageType = spec.StorageType;
            record.Config = RdsSales.Config(rds);
            var o = money.Order(record, after >= before ? OrderTypes.Upgrade : OrderTypes.Downgrade, quote, ctx.CustomerUid ?? ctx.PartnerUid, original);
            o.UsageStartTime = ctx.Now.UtcDateTime;
            o.UsageEndTime = record.EndTime;
            return new OrderPlan(o, _ =>
            {
                rds.BeginBusy(RdsStatuses.ClassChanging, ctx.Now, desk.Wall, desk.Timings.ClassChange, desk.Timings.Wall);
                store.Update(rds);
                desk.Reprice(rds);
                ctx.Get<SalesStore>().Update(record);
            });
        });
        return new ModifyDBInstanceSpecResponse
        {
            DBInstanceId = id, OrderId = long.Parse(order.Id, System.Globalization.CultureInfo.InvariantCulture), RequestId = ctx.RequestId,
        };
    }

    /// <summary>
    /// Releases a Postpaid instance [C]: Running, no read-only instances depending on it and the proxy (read/write splitting)
    /// off [C precondition, I codes], deletion protection off. Prepaid instances are refused with 403
    /// OperationDenied.PrePayTypeNotSupported [C]: they end with their term.
    /// </summary>
    [Action(P, V, "DeleteDBInstance")]
    public static object DeleteDBInstance(ActionContext ctx)
    {
        var req = DeleteDBInstanceRequest.Of(ctx);
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var id = req.DBInstanceId;
        var policy = RdsWire.OneOf("ReleasedKeepPolicy", req.ReleasedKeepPolicy, "None", "None", "Lastest", "All");
        var desk = ctx.Get<RdsDesk>();
        var store = ctx.Get<RdsStore>();
        var found = desk.Own(ctx, id, scope);
        desk.UnderCustomerLock(found.CustomerUid, () =>
        {
            var rds = desk.Own(ctx, id, scope);
            if (rds.PayType == RdsPayTypes.Prepaid) throw RdsErrors.PrePayTypeNotSupported();
            if (rds.DeletionProtection) throw RdsErrors.DeletionProtection();
            desk.RequireRunning(rds, ctx.Now);
            var readOnly = store.ReadOnlyOf(rds.Id).Count(r => !desk.IsReleased(r));
            if (readOnly > 0) throw RdsErrors.HasReadOnlyInstances(rds.Id, readOnly);
            if (rds.ProxyStatus == RdsProxy.Startup) throw RdsErrors.ProxyEnabled(rds.Id);
            rds.ReleasedKeepPolicy = policy;
            desk.Release(rds, ctx.Now, "DeleteDBInstance");
            return 0;
        });
        return new DeleteDBInstanceResponse { RegionId = found.RegionId, RequestId = ctx.RequestId };
    }

    /// <summary>Id prefixes as the real service uses them: rm- (MySQL, SQL Server), pgm- (PostgreSQL), rr-/pgr- read-only [I for the rest].</summary>
    internal static string Prefix(string engine, string type) => (engine, type) switch
    {
        ("PostgreSQL", RdsInstanceTypes.Readonly) => "pgr",
        ("PostgreSQL", _) => "pgm",
        (_, RdsInstanceTypes.Readonly) => "rr",
        _ => "rm",
    };
}
