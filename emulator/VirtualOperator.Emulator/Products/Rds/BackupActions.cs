using VirtualOperator.Emulator.Protocol.Parsing;
using VirtualOperator.Emulator.Api.Rds;
using VirtualOperator.Emulator.Products.BssOpenApi;
using System.Text.RegularExpressions;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>Backups and backup policies: CreateBackup, DescribeBackups, the (cross-region) backup policy.</summary>
internal static partial class BackupActions
{
    private const string P = RdsServices.Product, V = RdsServices.Version;
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>Starts a manual backup of a Running instance; it is listed by DescribeBackups once finished (<see cref="RdsTimings.Backup"/>).</summary>
    [Action(P, V, "CreateBackup")]
    public static object CreateBackup(ActionContext ctx)
    {
        var req = CreateBackupRequest.Of(ctx);
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var id = req.DBInstanceId;
        var method = RdsWire.OneOf("BackupMethod", req.BackupMethod, "Physical", "Physical", "Logical", "Snapshot");
        var type = RdsWire.OneOf("BackupType", req.BackupType, "Auto", "Auto", "FullBackup");
        RdsWire.OneOf("BackupStrategy", req.BackupStrategy, "instance", "db", "instance");
        var desk = ctx.Get<RdsDesk>();
        var store = ctx.Get<RdsStore>();
        var found = desk.Own(ctx, id, scope);
        var backup = desk.UnderCustomerLock(found.CustomerUid, () =>
        {
            var rds = desk.Own(ctx, id, scope);
            desk.RequireRunning(rds, ctx.Now);
            var b = new RdsBackup
            {
                Id = store.NewBackupId(), JobId = store.NewBackupId(), PartnerUid = rds.PartnerUid, CustomerUid = rds.CustomerUid, DBInstanceId = rds.Id,
                Method = method, Type = type == "Auto" ? "FullBackup" : type, Mode = "Manual", Engine = rds.Engine, EngineVersion = rds.EngineVersion,
                Size = rds.Storage * 1024L * 1024L * 8, StartTime = ctx.Now.UtcDateTime,
                DoneAt = (ctx.Now + desk.Timings.Backup).UtcDateTime, DoneAtWall = (desk.Wall + desk.Timings.Wall).UtcDateTime,
            };
            store.Insert(b);
            return b;
        });
        return new CreateBackupResponse { BackupJobId = backup.JobId, RequestId = ctx.RequestId };
    }

    /// <summary>Finished backups of an instance inside its retention period, newest first, paged (counts are strings in this model).</summary>
    [Action(P, V, "DescribeBackups")]
    public static object DescribeBackups(ActionContext ctx)
    {
        var req = DescribeBackupsRequest.Of(ctx);
        var rds = ctx.Get<RdsDesk>().Own(ctx, req.DBInstanceId, ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners));
        var (number, size) = RdsWire.Page(ctx);
        var backupId = req.BackupId;
        var status = req.BackupStatus;
        var mode = req.BackupMode;
        // Times are read by wire name through the one RDS time parser (the model types them as plain strings).
        var from = RdsWire.TimeParam(ctx, "StartTime");
        var to = RdsWire.TimeParam(ctx, "EndTime");
        var rows = Available(ctx, rds)
            .Where(b => backupId is null || b.Id == backupId)
            .Where(b => status is null || status == "Success")
            .Where(b => mode is null || b.Mode == mode)
            .Where(b => from is null || RdsInstance.Utc(b.StartTime) >= from)
            .Where(b => to is null || RdsInstance.Utc(b.StartTime) <= to)
            .ToList();
        var page = rows.OnPage(number, size).Select(b => new DescribeBackupsResponse.ItemsModel.BackupModel
        {
            BackupEndTime = RdsWire.Time(b.EndAt(ctx.Now)), BackupId = b.Id, BackupInitiator = "User", BackupMethod = b.Method, BackupMode = b.Mode,
            BackupSize = b.Size, BackupStartTime = RdsWire.Time(b.StartTime), BackupStatus = "Success", BackupType = b.Type,
            DBInstanceId = b.DBInstanceId, Engine = b.Engine, EngineVersion = b.EngineVersion, IsAvail = 1, StoreStatus = "Disabled",
            ExpectExpireTime = RdsWire.Time(RdsInstance.Utc(b.StartTime).AddDays(rds.BackupRetentionPeriod)),
        }).ToList();
        return new DescribeBackupsResponse
        {
            Items = new() { Backup = page }, PageNumber = RdsWire.Number(number), PageRecordCount = RdsWire.Number(page.Count), RequestId = ctx.RequestId,
            TotalRecordCount = RdsWire.Number(rows.Count),
        };
    }

    /// <summary>The backup sets a restore may use now: finished and not older than the retention period [I].</summary>
    internal static IEnumerable<RdsBackup> Available(ActionContext ctx, RdsInstance rds)
    {
        var wall = ctx.Get<RdsDesk>().Wall;
        var oldest = ctx.Now.UtcDateTime.AddDays(-rds.BackupRetentionPeriod);
        return ctx.Get<RdsStore>().BackupsOf(rds.Id).Where(b => b.IsDoneAt(ctx.Now, wall) && RdsInstance.Utc(b.StartTime) >= oldest);
    }

    /// <summary>Changes the data backup policy (BackupPolicyMode DataBackupPolicy, default) or the log backup policy.</summary>
    [Action(P, V, "ModifyBackupPolicy")]
    public static object ModifyBackupPolicy(ActionContext ctx)
    {
        var req = ModifyBackupPolicyRequest.Of(ctx);
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var id = req.DBInstanceId;
        var mode = RdsWire.OneOf("BackupPolicyMode", req.BackupPolicyMode, "DataBackupPolicy", "DataBackupPolicy", "LogBackupPolicy");
        // The model types the retention periods and LocalLogRetentionHours as strings; the emulator takes whole numbers, so
        // Range and Int read them by wire name.
        var retention = Range(ctx, "BackupRetentionPeriod", ctx.Get<RdsInventory>().BackupRetention);
        var time = req.PreferredBackupTime;
        if (time is not null && !BackupWindow().IsMatch(time))
            throw CommonErrors.InvalidParameter("PreferredBackupTime", "Expected HH:mmZ-HH:mmZ, for example 02:00Z-03:00Z.");
        var period = req.PreferredBackupPeriod;
        if (period is not null)
        {
            var days = period.Split(',', StringSplitOptions.TrimEntries);
            if (days.Length < 2 || days.Any(d => !Days.Contains(d)) || days.Distinct().Count() != days.Length)
                throw CommonErrors.InvalidParameter("PreferredBackupPeriod", "At least two distinct weekdays (Monday to Sunday), separated by commas.");
        }
        var backupLog = req.BackupLog is { } bl ? RdsWire.OneOf("BackupLog", bl, null, "Enable", "Disabled") : null;
        var enableLog = req.EnableBackupLog is { } el ? RdsWire.OneOf("EnableBackupLog", el, null, "True", "False", "1", "0") : null;
        var logRetention = Range(ctx, "LogBackupRetentionPeriod", ctx.Get<RdsInventory>().BackupRetention);
        var localHours = ctx.Params.Int("LocalLogRetentionHours");
        if (localHours is < 0 or > 168) throw CommonErrors.InvalidParameter("LocalLogRetentionHours", "It must be from 0 to 168.");
        var desk = ctx.Get<RdsDesk>();
        var store = ctx.Get<RdsStore>();
        var found = desk.Own(ctx, id, scope);
        var rds = desk.UnderCustomerLock(found.CustomerUid, () =>
        {
            var i = desk.Own(ctx, id, scope);
            if (mode == "DataBackupPolicy")
            {
                if (retention is { } r) i.BackupRetentionPeriod = r;
                if (time is not null) i.PreferredBackupTime = time;
                if (period is not null) i.PreferredBackupPeriod = period;
                if (backupLog is not null) i.BackupLog = backupLog;
            }
            else if (enableLog is not null) i.BackupLog = enableLog is "True" or "1" ? "Enable" : "Disabled";
            if (logRetention is { } lr) i.LogBackupRetentionPeriod = lr;
            if (i.LogBackupRetentionPeriod > i.BackupRetentionPeriod)
                throw CommonErrors.InvalidParameter("LogBackupRetentionPeriod", "It cannot be longer than the data backup retention period.");
            if (localHours is { } h) i.LocalLogRetentionHours = h;
            if (req.CompressType is { } c) i.CompressType = c;
            if (req.HighSpaceUsageProtection is { } hs) i.HighSpaceUsageProtection = RdsWire.OneOf("HighSpaceUsageProtection", hs, null, "Enable", "Disable");
            store.Update(i);
            return i;
        });
        return new ModifyBackupPolicyResponse
        {
            CompressType = rds.CompressType, DBInstanceID = rds.Id, EnableBackupLog = rds.BackupLog == "Enable" ? "1" : "0",
            HighSpaceUsageProtection = rds.HighSpaceUsageProtection, LocalLogRetentionHours = rds.LocalLogRetentionHours,
            LocalLogRetentionSpace = rds.LocalLogRetentionSpace, LogBackupLocalRetentionNumber = rds.LogBackupLocalRetentionNumber,
            RequestId = ctx.RequestId,
        };
    }

    /// <summary>The backup policy as stored.</summary>
    [Action(P, V, "DescribeBackupPolicy")]
    public static object DescribeBackupPolicy(ActionContext ctx)
    {
        var rds = ctx.Get<RdsDesk>().Own(ctx, DescribeBackupPolicyRequest.Of(ctx).DBInstanceId, ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners));
        return new DescribeBackupPolicyResponse
        {
            BackupLog = rds.BackupLog, BackupMethod = "Physical", BackupRetentionPeriod = rds.BackupRetentionPeriod, Category = "Standard",
            CompressType = rds.CompressType, EnableBackupLog = rds.BackupLog == "Enable" ? "1" : "0",
            HighSpaceUsageProtection = rds.HighSpaceUsageProtection, LocalLogRetentionHours = rds.LocalLogRetentionHours,
            LocalLogRetentionSpace = rds.LocalLogRetentionSpace, LogBackupLocalRetentionNumber = rds.LogBackupLocalRetentionNumber,
            LogBackupRetentionPeriod = rds.LogBackupRetentionPeriod, PreferredBackupPeriod = rds.PreferredBackupPeriod,
            PreferredBackupTime = rds.PreferredBackupTime, ReleasedKeepPolicy = rds.ReleasedKeepPolicy, RequestId = ctx.RequestId,
        };
    }

    /// <summary>
    /// Cross-region backups of an instance into CrossBackupRegion (another region of the inventory [I]), which
    /// CreateDdrInstance needs. Enabling needs a region (given now or before); log backup only with data backup [C].
    /// </summary>
    [Action(P, V, "ModifyInstanceCrossBackupPolicy")]
    public static object ModifyInstanceCrossBackupPolicy(ActionContext ctx)
    {
        var req = ModifyInstanceCrossBackupPolicyRequest.Of(ctx);
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var id = req.DBInstanceId;
        var region = req.RegionId;
        var enabled = req.BackupEnabled is { } be ? RdsWire.OneOf("BackupEnabled", be, null, "0", "1") : null;
        var logEnabled = req.LogBackupEnabled is { } le ? RdsWire.OneOf("LogBackupEnabled", le, null, "0", "1") : null;
        var target = req.CrossBackupRegion;
        var inv = ctx.Get<RdsInventory>();
        if (target is not null && !inv.Regions.ContainsKey(target)) throw RdsErrors.InvalidRegion(target);
        var retention = Range("Retention", req.Retention, inv.CrossBackupRetention);
        if (req.RetentType is { } rt && rt != 1) throw CommonErrors.InvalidParameter("RetentType", "Set it to 1.");
        if (req.CrossBackupType is { } ct && ct != "1") throw CommonErrors.InvalidParameter("CrossBackupType", "Set it to 1.");
        var desk = ctx.Get<RdsDesk>();
        var store = ctx.Get<RdsStore>();
        var found = desk.Own(ctx, id, scope);
        var rds = desk.UnderCustomerLock(found.CustomerUid, () =>
        {
            var i = desk.Own(ctx, id, scope);
            if (region != i.RegionId) throw RdsErrors.InvalidRegion(region);
            if (target is not null)
            {
                if (target == i.RegionId) throw CommonErrors.InvalidParameter("CrossBackupRegion", "It must differ from the instance's own region.");
                i.CrossBackupRegion = target;
            }
            if (enabled is not null) i.CrossBackupEnabled = enabled;
            if (i.CrossBackupEnabled == "1" && i.CrossBackupRegion is null) throw CommonErrors.MissingParameter("CrossBackupRegion");
            if (logEnabled is not null) i.CrossLogBackupEnabled = logEnabled;
            if (i.CrossBackupEnabled == "0") i.CrossLogBackupEnabled = "0";
            if (retention is { } r) i.CrossRetention = r;
            store.Update(i);
            return i;
        });
        return new ModifyInstanceCrossBackupPolicyResponse
        {
            BackupEnabled = rds.CrossBackupEnabled, CrossBackupRegion = rds.CrossBackupRegion ?? "", CrossBackupType = rds.CrossBackupType,
            DBInstanceId = rds.Id, LogBackupEnabled = rds.CrossLogBackupEnabled, RegionId = rds.RegionId, RequestId = ctx.RequestId,
            RetentType = rds.CrossRetentType, Retention = rds.CrossRetention,
        };
    }

    private static int? Range(ActionContext ctx, string name, RangeSpec range) => Range(name, ctx.Params.Int(name), range);

    private static int? Range(string name, int? v, RangeSpec range)
    {
        if (v is { } n && (n < range.Min || n > range.Max)) throw CommonErrors.InvalidParameter(name, $"It must be from {range.Min} to {range.Max}.");
        return v;
    }

    [GeneratedRegex(@"^([01]\d|2[0-3]):00Z-([01]\d|2[0-3]):00Z$")]
    private static partial Regex BackupWindow();
}
