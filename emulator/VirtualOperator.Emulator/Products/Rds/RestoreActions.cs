using VirtualOperator.Emulator.Api.Rds;
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
        var req = CloneDBInstanceRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        var sourceId = req.DBInstanceId;
        var billing = RdsBilling.From(ctx);
        var order = NewFromSource(ctx, new Target(req.DBInstanceStorage, req.Category, req.DBInstanceClass, req.DBInstanceStorageType, req.RegionId,
            req.ZoneId, req.DBInstanceDescription, req.InstanceNetworkType, req.DeletionProtection), buyer, billing, sourceId, RdsStatuses.Cloning,
            ctx.Get<RdsDesk>().Timings.Clone);
        return new CloneDBInstanceResponse { DBInstanceId = order.InstanceId, OrderId = order.Id, RequestId = ctx.RequestId };
    }

    /// <summary>
    /// Restores databases (DbNames) from BackupId, or from RestoreTime of DBInstanceId, into TargetDBInstanceId (which is
    /// Restoring for <see cref="RdsTimings.Restore"/>; no order) or into a new instance (an order; PayType defaults to Postpaid [I]).
    /// </summary>
    [Action(P, V, "RecoveryDBInstance")]
    public static object RecoveryDBInstance(ActionContext ctx)
    {
        var req = RecoveryDBInstanceRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        _ = req.DbNames;
        var desk = ctx.Get<RdsDesk>();
        var backupId = req.BackupId;
        var sourceId = req.DBInstanceId
            ?? (backupId is null ? throw RdsErrors.RestoreSourceMissing() : ctx.Get<RdsStore>().Backup(backupId)?.DBInstanceId)
            ?? throw RdsErrors.BackupNotFound(backupId!);
        if (req.TargetDBInstanceId is { } targetId)
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
            return new RecoveryDBInstanceResponse { DBInstanceId = target.Id, OrderId = "", RequestId = ctx.RequestId };
        }
        // Category, RegionId, ZoneId, DBInstanceDescription and DeletionProtection are not in this action's model; they are
        // still honoured as for CloneDBInstance [I], read by wire name.
        var order = NewFromSource(ctx, new Target(req.DBInstanceStorage, ctx.Params.String("Category"), req.DBInstanceClass, req.DBInstanceStorageType,
            ctx.Params.String("RegionId"), ctx.Params.String("ZoneId"), ctx.Params.String("DBInstanceDescription"), req.InstanceNetworkType,
            ctx.Params.Bool("DeletionProtection")), buyer, RdsBilling.From(ctx, RdsPayTypes.Postpaid), sourceId, RdsStatuses.Creating, desk.Timings.Create);
        return new RecoveryDBInstanceResponse { DBInstanceId = order.InstanceId, OrderId = order.Id, RequestId = ctx.RequestId };
    }

    /// <summary>
    /// Restores individual databases and tables (TableMeta) of a Running instance in place from BackupId or RestoreTime; the
    /// instance is Restoring meanwhile [I]. Engines per inventory restoreTable (MySQL).
    /// </summary>
    [Action(P, V, "RestoreTable")]
    public static object RestoreTable(ActionContext ctx)
    {
        var req = RestoreTableRequest.Of(ctx);
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var id = req.DBInstanceId;
        CheckTableMeta(req.TableMeta);
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
        return new RestoreTableResponse { RequestId = ctx.RequestId };
    }

    /// <summary>
    /// A disaster-recovery (DDR) instance in RegionId restored from the source's cross-region backups: RestoreType BackupSet
    /// (BackupSetId) or BackupTime (SourceDBInstanceName, SourceRegion, RestoreTime inside the cross-region retention). The source
    /// must back up into RegionId (ModifyInstanceCrossBackupPolicy) [I code].
    /// </summary>
    [Action(P, V, "CreateDdrInstance")]
    public static object CreateDdrInstance(ActionContext ctx)
    {
        var req = CreateDdrInstanceRequest.Of(ctx);
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        var inv = ctx.Get<RdsInventory>();
        var restoreType = RdsWire.OneOf("RestoreType", req.RestoreType, null, "BackupSet", "BackupTime");
        var (region, zone) = RdsSpec.Place(inv, req.RegionId, req.ZoneId);
        var engine = req.Engine;
        var version = req.EngineVersion;
        var netType = RdsWire.OneOf("DBInstanceNetType", req.DBInstanceNetType, null, "Intranet", "Internet");
        var ips = req.SecurityIPList;
        var billing = RdsBilling.From(ctx);
        var desk = ctx.Get<RdsDesk>();
        var store = ctx.Get<RdsStore>();
        string sourceId;
        if (restoreType == "BackupSet")
        {
            var setId = req.BackupSetId ?? throw CommonErrors.MissingParameter("BackupSetId");
            var set = store.Backup(setId);
            sourceId = set is not null && set.PartnerUid == ctx.PartnerUid && set.CustomerUid == buyer ? set.DBInstanceId : throw RdsErrors.BackupNotFound(setId);
        }
        else
        {
            sourceId = req.SourceDBInstanceName ?? throw CommonErrors.MissingParameter("SourceDBInstanceName");
            req.SourceRegion.OrMissing("SourceRegion");
            req.RestoreTime.OrMissing("RestoreTime");
        }
        var order = desk.PlaceNew(ctx, buyer, billing, () =>
        {
            var source = desk.Own(ctx, sourceId, buyer);
            if (req.SourceRegion is { } sr && sr != source.RegionId) throw RdsErrors.InstanceNotFound(sourceId);
            if (source.CrossBackupEnabled != "1" || source.CrossBackupRegion != region) throw RdsErrors.CrossBackupNotEnabled(source.Id, region);
            if (restoreType == "BackupSet")
            {
                var set = store.Backup(req.BackupSetId!)!;
                if (!set.IsDoneAt(ctx.Now, desk.Wall) || RdsInstance.Utc(set.StartTime) < ctx.Now.UtcDateTime.AddDays(-source.CrossRetention))
                    throw RdsErrors.BackupNotFound(set.Id);
            }
            else CheckTime(ctx, source, source.CrossRetention);
            if (engine != source.Engine) throw RdsErrors.InvalidEngine(engine);
            var spec = RdsSpec.Check(inv, engine, version, null, req.DBInstanceClass ?? source.DBInstanceClass,
                req.DBInstanceStorageType ?? source.StorageType, req.DBInstanceStorage ?? source.Storage);
            return new RdsInstance
            {
                RegionId = region, ZoneId = zone, Engine = engine, EngineVersion = version, Category = spec.Category, DBInstanceClass = spec.Class.Code,
                Storage = spec.Storage, StorageType = spec.StorageType, Description = req.DBInstanceDescription ?? "",
                NetType = netType, InstanceNetworkType = req.InstanceNetworkType ?? "VPC",
                SecurityIPList = ips, Port = source.Port, SourceInstanceId = source.Id,
            };
        }, RdsStatuses.Restoring, desk.Timings.Restore, InstanceActions.Prefix(engine, RdsInstanceTypes.Primary));
        var created = store.Instance(order.InstanceId)!;
        return new CreateDdrInstanceResponse
        {
            ConnectionString = created.ConnectionString, DBInstanceId = created.Id, OrderId = order.Id, Port = created.Port, RequestId = ctx.RequestId,
        };
    }

    private static string OrMissing(this string? value, string name) => value ?? throw CommonErrors.MissingParameter(name);

    /// <summary>What a clone or a recovery into a new instance may set instead of taking the source's (null: the source's).</summary>
    private sealed record Target(int? Storage, string? Category, string? Class, string? StorageType, string? RegionId, string? ZoneId,
        string? Description, string? InstanceNetworkType, bool? DeletionProtection);

    private static BssOpenApi.Sales.Order NewFromSource(ActionContext ctx, Target t, string buyer, RdsBilling billing, string sourceId, string busy, TimeSpan busyFor)
    {
        var inv = ctx.Get<RdsInventory>();
        var desk = ctx.Get<RdsDesk>();
        var engine = desk.Own(ctx, sourceId, buyer).Engine;
        return desk.PlaceNew(ctx, buyer, billing, () =>
        {
            var source = desk.Own(ctx, sourceId, buyer);
            CheckPointOfRestore(ctx, source);
            var storage = t.Storage ?? source.Storage;
            if (storage < source.Storage) throw RdsErrors.StorageBelowSource(storage, source.Storage);
            var spec = RdsSpec.Check(inv, source.Engine, source.EngineVersion, t.Category,
                t.Class ?? source.DBInstanceClass, t.StorageType ?? source.StorageType, storage);
            var (region, zone) = RdsSpec.Place(inv, t.RegionId ?? source.RegionId, t.ZoneId ?? source.ZoneId);
            return new RdsInstance
            {
                RegionId = region, ZoneId = zone, Engine = source.Engine, EngineVersion = source.EngineVersion, Category = spec.Category,
                DBInstanceClass = spec.Class.Code, Storage = spec.Storage, StorageType = spec.StorageType,
                Description = t.Description ?? "", NetType = source.NetType,
                InstanceNetworkType = t.InstanceNetworkType ?? source.InstanceNetworkType,
                SecurityIPList = source.SecurityIPList, Port = source.Port, SourceInstanceId = source.Id,
                DeletionProtection = t.DeletionProtection ?? false,
            };
        }, busy, busyFor, InstanceActions.Prefix(engine, RdsInstanceTypes.Primary));
    }

    /// <summary>
    /// BackupId (a finished set of this source inside its retention) or RestoreTime inside the window; one of them is required.
    /// Read by wire name: the same two parameters of CloneDBInstance, RecoveryDBInstance and RestoreTable, and RestoreTime goes
    /// through the one RDS time parser.
    /// </summary>
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
