using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi;
using System.Text.Json;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// Restores from a backup set or a point in time inside the retention window: a clone (new instance), a recovery (new or
/// existing instance), individual tables (same instance), and a disaster-recovery instance from cross-region backups.
/// </summary>
internal static class RestoreActions
{
    private const string P = RdsServices.Product, V = RdsServices.Version;

    /// <summary>
    /// A new instance with the source's data as of BackupId or RestoreTime: the source's engine, and its class and storage
    /// unless given (storage never smaller [C]). It is INS_CLONING for <see cref="RdsTimings.Clone"/> [I], then Running.
    /// </summary>
    [Action(P, V, "CloneDBInstance")]
    public static object CloneDBInstance(ActionContext ctx)
    {
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        var sourceId = ctx.Params.RequiredString("DBInstanceId");
        var billing = RdsBilling.From(ctx);
        var order = NewFromSource(ctx, buyer, billing, sourceId, RdsStatuses.Cloning, ctx.Get<RdsDesk>().Timings.Clone);
        return RdsReply.Of(ctx, new { DBInstanceId = order.InstanceId, OrderId = order.Id, ctx.RequestId });
    }

    /// <summary>
    /// Restores databases (DbNames) from BackupId, or from RestoreTime of DBInstanceId, into TargetDBInstanceId (which is
    /// Restoring for <see cref="RdsTimings.Restore"/>; no order) or into a new instance (an order; PayType defaults to Postpaid [I]).
    /// </summary>
    [Action(P, V, "RecoveryDBInstance")]
    public static object RecoveryDBInstance(ActionContext ctx)
    {
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        ctx.Params.RequiredString("DbNames");
        var desk = ctx.Get<RdsDesk>();
        var backupId = ctx.Params.String("BackupId");
        var sourceId = ctx.Params.String("DBInstanceId")
            ?? (backupId is null ? throw RdsErrors.RestoreSourceMissing() : ctx.Get<RdsStore>().Backup(backupId)?.DBInstanceId)
            ?? throw RdsErrors.BackupNotFound(backupId!);
        if (ctx.Params.String("TargetDBInstanceId") is { } targetId)
        {
            var target = desk.Own(ctx, targetId, buyer);
            desk.UnderCustomerLock(buyer, () =>
            {
                var source = desk.Own(ctx, sourceId, buyer);
                CheckPointOfRestore(ctx, source);
                var t = desk.Own(ctx, target.Id, buyer);
                if (t.Engine != source.Engine) throw RdsErrors.InvalidEngine(t.Engine);
                desk.RequireRunning(t, ctx.Now);
                t.BeginBusy(RdsStatuses.Restoring, ctx.Now, desk.Wall, desk.Timings.Restore, desk.Timings.Wall);
                ctx.Get<RdsStore>().Update(t);
                return 0;
            });
            return RdsReply.Of(ctx, new { DBInstanceId = target.Id, OrderId = "", ctx.RequestId });
        }
        var order = NewFromSource(ctx, buyer, RdsBilling.From(ctx, RdsPayTypes.Postpaid), sourceId, RdsStatuses.Creating, desk.Timings.Create);
        return RdsReply.Of(ctx, new { DBInstanceId = order.InstanceId, OrderId = order.Id, ctx.RequestId });
    }

    /// <summary>
    /// Restores individual databases and tables (TableMeta) of a Running instance in place from BackupId or RestoreTime; the
    /// instance is Restoring meanwhile [I]. Engines per inventory restoreTable (MySQL).
    /// </summary>
    [Action(P, V, "RestoreTable")]
    public static object RestoreTable(ActionContext ctx)
    {
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var id = ctx.Params.RequiredString("DBInstanceId");
        CheckTableMeta(ctx.Params.RequiredString("TableMeta"));
        var desk = ctx.Get<RdsDesk>();
        var found = desk.Own(ctx, id, scope);
        desk.UnderCustomerLock(found.CustomerUid, () =>
        {
            var rds = desk.Own(ctx, id, scope);
            if (ctx.Get<RdsInventory>().Engine(rds.Engine) is not { RestoreTable: true }) throw RdsErrors.RestoreTableNotSupported(rds.Engine);
            desk.RequireRunning(rds, ctx.Now);
            CheckPointOfRestore(ctx, rds);
            rds.BeginBusy(RdsStatuses.Restoring, ctx.Now, desk.Wall, desk.Timings.Restore, desk.Timings.Wall);
            ctx.Get<RdsStore>().Update(rds);
            return 0;
        });
        return RdsReply.Of(ctx, new { ctx.RequestId });
    }

    /// <summary>
    /// A disaster-recovery (DDR) instance in RegionId restored from the source's cross-region backups: RestoreType BackupSet
    /// (BackupSetId) or BackupTime (SourceDBInstanceName, SourceRegion, RestoreTime inside the cross-region retention). The source
    /// must back up into RegionId (ModifyInstanceCrossBackupPolicy) [I code].
    /// </summary>
    [Action(P, V, "CreateDdrInstance")]
    public static object CreateDdrInstance(ActionContext ctx)
    {
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        var inv = ctx.Get<RdsInventory>();
        var restoreType = RdsWire.OneOf(ctx, "RestoreType", null, "BackupSet", "BackupTime");
        var (region, zone) = RdsSpec.Place(inv, ctx.Params.RequiredString("RegionId"), ctx.Params.String("ZoneId"));
        var engine = ctx.Params.RequiredString("Engine");
        var version = ctx.Params.RequiredString("EngineVersion");
        RdsWire.OneOf(ctx, "DBInstanceNetType", null, "Intranet", "Internet");
        var ips = ctx.Params.RequiredString("SecurityIPList");
        var billing = RdsBilling.From(ctx);
        var desk = ctx.Get<RdsDesk>();
        var store = ctx.Get<RdsStore>();
        string sourceId;
        if (restoreType == "BackupSet")
        {
            var setId = ctx.Params.String("BackupSetId") ?? throw CommonErrors.MissingParameter("BackupSetId");
            var set = store.Backup(setId);
            sourceId = set is not null && set.PartnerUid == ctx.PartnerUid && set.CustomerUid == buyer ? set.DBInstanceId : throw RdsErrors.BackupNotFound(setId);
        }
        else
        {
            sourceId = ctx.Params.String("SourceDBInstanceName") ?? throw CommonErrors.MissingParameter("SourceDBInstanceName");
            ctx.Params.String("SourceRegion").OrMissing("SourceRegion");
            ctx.Params.String("RestoreTime").OrMissing("RestoreTime");
        }
        var order = desk.PlaceNew(ctx, buyer, billing, () =>
        {
            var source = desk.Own(ctx, sourceId, buyer);
            if (ctx.Params.String("SourceRegion") is { } sr && sr != source.RegionId) throw RdsErrors.InstanceNotFound(sourceId);
            if (source.CrossBackupEnabled != "1" || source.CrossBackupRegion != region) throw RdsErrors.CrossBackupNotEnabled(source.Id, region);
            if (restoreType == "BackupSet")
            {
                var set = store.Backup(ctx.Params.RequiredString("BackupSetId"))!;
                if (!set.IsDoneAt(ctx.Now, desk.Wall) || RdsInstance.Utc(set.StartTime) < ctx.Now.UtcDateTime.AddDays(-source.CrossRetention))
                    throw RdsErrors.BackupNotFound(set.Id);
            }
            else CheckTime(ctx, source, source.CrossRetention);
            if (engine != source.Engine) throw RdsErrors.InvalidEngine(engine);
            var spec = RdsSpec.Check(inv, engine, version, null, ctx.Params.String("DBInstanceClass") ?? source.DBInstanceClass,
                ctx.Params.String("DBInstanceStorageType") ?? source.StorageType, ctx.Params.Int("DBInstanceStorage") ?? source.Storage);
            return new RdsInstance
            {
                RegionId = region, ZoneId = zone, Engine = engine, EngineVersion = version, Category = spec.Category, DBInstanceClass = spec.Class.Code,
                Storage = spec.Storage, StorageType = spec.StorageType, Description = ctx.Params.String("DBInstanceDescription") ?? "",
                NetType = ctx.Params.RequiredString("DBInstanceNetType"), InstanceNetworkType = ctx.Params.String("InstanceNetworkType") ?? "VPC",
                SecurityIPList = ips, Port = source.Port, SourceInstanceId = source.Id,
            };
        }, RdsStatuses.Restoring, desk.Timings.Restore, InstanceActions.Prefix(engine, RdsInstanceTypes.Primary));
        var created = store.Instance(order.InstanceId)!;
        return RdsReply.Of(ctx, new { created.ConnectionString, DBInstanceId = created.Id, OrderId = order.Id, created.Port, ctx.RequestId });
    }

    private static string OrMissing(this string? value, string name) => value ?? throw CommonErrors.MissingParameter(name);

    private static BssOpenApi.Sales.Order NewFromSource(ActionContext ctx, string buyer, RdsBilling billing, string sourceId, string busy, TimeSpan busyFor)
    {
        var inv = ctx.Get<RdsInventory>();
        var desk = ctx.Get<RdsDesk>();
        var engine = desk.Own(ctx, sourceId, buyer).Engine;
        return desk.PlaceNew(ctx, buyer, billing, () =>
        {
            var source = desk.Own(ctx, sourceId, buyer);
            CheckPointOfRestore(ctx, source);
            var storage = ctx.Params.Int("DBInstanceStorage") ?? source.Storage;
            if (storage < source.Storage) throw RdsErrors.StorageBelowSource(storage, source.Storage);
            var spec = RdsSpec.Check(inv, source.Engine, source.EngineVersion, ctx.Params.String("Category"),
                ctx.Params.String("DBInstanceClass") ?? source.DBInstanceClass, ctx.Params.String("DBInstanceStorageType") ?? source.StorageType, storage);
            var (region, zone) = RdsSpec.Place(inv, ctx.Params.String("RegionId") ?? source.RegionId, ctx.Params.String("ZoneId") ?? source.ZoneId);
            return new RdsInstance
            {
                RegionId = region, ZoneId = zone, Engine = source.Engine, EngineVersion = source.EngineVersion, Category = spec.Category,
                DBInstanceClass = spec.Class.Code, Storage = spec.Storage, StorageType = spec.StorageType,
                Description = ctx.Params.String("DBInstanceDescription") ?? "", NetType = source.NetType,
                InstanceNetworkType = ctx.Params.String("InstanceNetworkType") ?? source.InstanceNetworkType,
                SecurityIPList = source.SecurityIPList, Port = source.Port, SourceInstanceId = source.Id,
                DeletionProtection = ctx.Params.Bool("DeletionProtection") ?? false,
            };
        }, busy, busyFor, InstanceActions.Prefix(engine, RdsInstanceTypes.Primary));
    }

    /// <summary>BackupId (a finished set of this source inside its retention) or RestoreTime inside the window; one of them is required.</summary>
    private static void CheckPointOfRestore(ActionContext ctx, RdsInstance source)
    {
        var backupId = ctx.Params.String("BackupId");
        if (backupId is null && ctx.Params.String("RestoreTime") is null) throw RdsErrors.RestoreSourceMissing();
        if (backupId is not null)
        {
            if (!BackupActions.Available(ctx, source).Any(b => b.Id == backupId)) throw RdsErrors.BackupNotFound(backupId);
            return;
        }
        CheckTime(ctx, source, source.BackupRetentionPeriod);
    }

    /// <summary>[C] "The point in time must fall within the backup retention period"; [I] and not before the instance existed, nor after now.</summary>
    private static void CheckTime(ActionContext ctx, RdsInstance source, int retentionDays)
    {
        var text = ctx.Params.RequiredString("RestoreTime");
        var at = RdsWire.TimeParam(ctx, "RestoreTime")!.Value;
        var now = ctx.Now.UtcDateTime;
        var created = RdsInstance.Utc(source.CreateTime);
        var from = now.AddDays(-retentionDays) > created ? now.AddDays(-retentionDays) : created;
        if (at < from || at > now) throw RdsErrors.RestoreTimeOutOfRange(text, from, now);
    }

    private static void CheckTableMeta(string meta)
    {
        try
        {
            using var doc = JsonDocument.Parse(meta);
            if (doc.RootElement.ValueKind != JsonValueKind.Array || doc.RootElement.GetArrayLength() == 0) throw RdsErrors.InvalidTableMeta();
            foreach (var db in doc.RootElement.EnumerateArray())
                if (db.ValueKind != JsonValueKind.Object || !db.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String)
                    throw RdsErrors.InvalidTableMeta();
        }
        catch (JsonException)
        {
            throw RdsErrors.InvalidTableMeta();
        }
    }
}
