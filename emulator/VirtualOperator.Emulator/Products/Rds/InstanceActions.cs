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
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        var inv = ctx.Get<RdsInventory>();
        var (region, zone) = RdsSpec.Place(inv, ctx.Params.RequiredString("RegionId"), ctx.Params.String("ZoneId"));
        var spec = RdsSpec.Check(inv, ctx.Params.RequiredString("Engine"), ctx.Params.RequiredString("EngineVersion"),
            ctx.Params.String("Category"), ctx.Params.RequiredString("DBInstanceClass"), ctx.Params.String("DBInstanceStorageType"),
            ctx.Params.Int("DBInstanceStorage") ?? throw CommonErrors.MissingParameter("DBInstanceStorage"));
        RdsWire.OneOf(ctx, "DBInstanceNetType", null, "Intranet", "Internet");
        var billing = RdsBilling.From(ctx);
        var securityIps = ctx.Params.RequiredString("SecurityIPList");
        if (ctx.Params.Bool("DryRun") == true)
            return RdsReply.Of(ctx, new { DryRun = true, DryRunResult = true, Message = "Request validation has been passed.", ctx.RequestId });

        var desk = ctx.Get<RdsDesk>();
        var order = desk.PlaceNew(ctx, buyer, billing, () => new RdsInstance
        {
            RegionId = region, ZoneId = zone, Engine = spec.Engine.Engine, EngineVersion = spec.Version, Category = spec.Category,
            DBInstanceClass = spec.Class.Code, Storage = spec.Storage, StorageType = spec.StorageType,
            Description = ctx.Params.String("DBInstanceDescription") ?? "", NetType = ctx.Params.RequiredString("DBInstanceNetType"),
            InstanceNetworkType = ctx.Params.String("InstanceNetworkType") ?? "VPC", SecurityIPList = securityIps,
            Port = ctx.Params.String("Port") ?? spec.Engine.Port, DeletionProtection = ctx.Params.Bool("DeletionProtection") ?? false,
        }, RdsStatuses.Creating, desk.Timings.Create, Prefix(spec.Engine.Engine, RdsInstanceTypes.Primary));
        var created = ctx.Get<RdsStore>().Instance(order.InstanceId)!;
        return RdsReply.Of(ctx, new
        {
            created.ConnectionString, DBInstanceId = created.Id, DryRun = false, OrderId = order.Id, created.Port, ctx.RequestId,
        });
    }

    /// <summary>The caller's instances, newest last [I], filtered and paged (PageNumber/PageSize, TotalRecordCount).</summary>
    [Action(P, V, "DescribeDBInstances")]
    public static object DescribeDBInstances(ActionContext ctx)
    {
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var region = ctx.Params.RequiredString("RegionId");
        var (number, size) = RdsWire.Page(ctx);
        var ids = (ctx.Params.String("DBInstanceId") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var engine = ctx.Params.String("Engine");
        var status = ctx.Params.String("DBInstanceStatus");
        var type = ctx.Params.String("DBInstanceType");
        var payType = ctx.Params.String("PayType");
        var zone = ctx.Params.String("ZoneId");
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
        var page = rows.Skip((number - 1) * size).Take(size)
            .Select(x => RdsViews.ListItem(x.Instance, x.Record, x.Status, desk.LockModeOf(x.Instance, x.Record), store.ReadOnlyOf(x.Instance.Id).Where(r => !desk.IsReleased(r))))
            .ToList();
        return RdsReply.Of(ctx, new
        {
            Items = new { DBInstance = page }, PageNumber = number, PageRecordCount = page.Count, ctx.RequestId, TotalRecordCount = rows.Count,
        });
    }

    /// <summary>One instance in full.</summary>
    [Action(P, V, "DescribeDBInstanceAttribute")]
    public static object DescribeDBInstanceAttribute(ActionContext ctx)
    {
        var desk = ctx.Get<RdsDesk>();
        var ids = ctx.Params.RequiredString("DBInstanceId").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var inv = ctx.Get<RdsInventory>();
        var store = ctx.Get<RdsStore>();
        var items = ids.Select(id => desk.Own(ctx, id, scope)).Select(i =>
        {
            var record = desk.Record(i);
            return RdsViews.Attribute(i, record, desk.StatusOf(i, ctx.Now, record), desk.LockModeOf(i, record), inv.Class(i.DBInstanceClass)?.Class,
                store.ReadOnlyOf(i.Id).Where(r => !desk.IsReleased(r)));
        }).ToList();
        return RdsReply.Of(ctx, new { Items = new { DBInstanceAttribute = items }, ctx.RequestId });
    }

    /// <summary>
    /// Renews a Prepaid instance by Period months ([C] 1 to 9, 12, 24, 36, 48, 60), also an expired one not yet released;
    /// AutoRenew=true also turns automatic renewal on. Postpaid instances are refused (nothing to renew).
    /// </summary>
    [Action(P, V, "RenewInstance")]
    public static object RenewInstance(ActionContext ctx)
    {
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        var months = ctx.Params.Int("Period") ?? throw CommonErrors.MissingParameter("Period");
        if (months is not ((>= 1 and <= 9) or 12 or 24 or 36 or 48 or 60))
            throw CommonErrors.InvalidParameter("Period", "It must be 1 to 9, 12, 24, 36, 48 or 60 (months).");
        var id = ctx.Params.RequiredString("DBInstanceId");
        var autoRenew = ctx.Params.String("AutoRenew") is { } a ? a.Equals("true", StringComparison.OrdinalIgnoreCase) : (bool?)null;
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
        return RdsReply.Of(ctx, new { OrderId = long.Parse(order.Id, System.Globalization.CultureInfo.InvariantCulture), ctx.RequestId });
    }

    /// <summary>
    /// Changes the class and/or storage of a Running instance. Prepaid: Direction Up (default) must cost more and is charged the
    /// monthly difference for the whole days left; Down must cost less and refunds nothing [I]. Postpaid: either way, free now
    /// (the hourly price follows the new spec). The instance is DBInstanceClassChanging for <see cref="RdsTimings.ClassChange"/>.
    /// </summary>
    [Action(P, V, "ModifyDBInstanceSpec")]
    public static object ModifyDBInstanceSpec(ActionContext ctx)
    {
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        var id = ctx.Params.RequiredString("DBInstanceId");
        var newClass = ctx.Params.String("DBInstanceClass");
        var newStorage = ctx.Params.Int("DBInstanceStorage");
        if (newClass is null && newStorage is null) throw CommonErrors.MissingParameter("DBInstanceClass");
        var direction = RdsWire.OneOf(ctx, "Direction", "Up", "Up", "Down");
        var inv = ctx.Get<RdsInventory>();
        var desk = ctx.Get<RdsDesk>();
        var money = ctx.Get<RdsSales>();
        var store = ctx.Get<RdsStore>();
        var order = ctx.Get<OrderDesk>().Place(ctx.PartnerUid, buyer, Wire.ClientToken(ctx), Wire.Digest(ctx), ctx.Now, () =>
        {
            var rds = desk.Own(ctx, id, buyer);
            desk.RequireRunning(rds, ctx.Now);
            var spec = RdsSpec.Check(inv, rds.Engine, rds.EngineVersion, ctx.Params.String("Category") ?? (newClass is null ? rds.Category : null),
                newClass ?? rds.DBInstanceClass, ctx.Params.String("DBInstanceStorageType") ?? rds.StorageType, newStorage ?? rds.Storage);
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
        return RdsReply.Of(ctx, new { DBInstanceId = id, OrderId = long.Parse(order.Id, System.Globalization.CultureInfo.InvariantCulture), ctx.RequestId });
    }

    /// <summary>
    /// Releases a Postpaid instance [C]: Running, no read-only instances depending on it and the proxy (read/write splitting)
    /// off [C precondition, I codes], deletion protection off. Prepaid instances are refused with 403
    /// OperationDenied.PrePayTypeNotSupported [C]: they end with their term.
    /// </summary>
    [Action(P, V, "DeleteDBInstance")]
    public static object DeleteDBInstance(ActionContext ctx)
    {
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var id = ctx.Params.RequiredString("DBInstanceId");
        var policy = RdsWire.OneOf(ctx, "ReleasedKeepPolicy", "None", "None", "Lastest", "All");
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
        return RdsReply.Of(ctx, new { found.RegionId, ctx.RequestId });
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
