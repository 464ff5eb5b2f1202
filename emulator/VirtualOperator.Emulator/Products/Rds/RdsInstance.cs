namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// One database instance as RDS sees it (engine, class, storage, its role in the instance graph, policies, proxy).
/// Its money side (term, renewal, orders, expiry and release on the virtual clock) is the <see cref="BssOpenApi.Sales.SalesInstance"/>
/// of the same id (Kind <see cref="RdsSales.Kind"/>), so RDS runs on the shared order and lifecycle machinery.
/// A transitional status (Creating, DBInstanceClassChanging, Restoring, INS_CLONING) lasts until <see cref="BusyUntil"/>
/// on the virtual clock or <see cref="BusyUntilWall"/> in wall time, whichever comes first (<see cref="RdsTimings"/>); the
/// status is derived when read, never set by a timer.
/// </summary>
public sealed class RdsInstance : Instances.IProductInstance
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string RegionId { get; set; } = "";
    public string ZoneId { get; set; } = "";
    public string Engine { get; set; } = "";
    public string EngineVersion { get; set; } = "";
    public string Category { get; set; } = "";
    public string DBInstanceClass { get; set; } = "";
    public int Storage { get; set; }
    public string StorageType { get; set; } = "";
    /// <summary>Prepaid or Postpaid, as RDS spells them.</summary>
    public string PayType { get; set; } = RdsPayTypes.Postpaid;
    public string Description { get; set; } = "";
    public string NetType { get; set; } = "Intranet";
    public string InstanceNetworkType { get; set; } = "VPC";
    public string SecurityIPList { get; set; } = "";
    public string ConnectionString { get; set; } = "";
    public string Port { get; set; } = "";
    public bool DeletionProtection { get; set; }
    public DateTime CreateTime { get; set; }

    /// <summary>Primary, Readonly or Guard (disaster recovery), as DescribeDBInstances' DBInstanceType.</summary>
    public string InstanceType { get; set; } = RdsInstanceTypes.Primary;
    public string? MasterInstanceId { get; set; }
    /// <summary>The instance this one was cloned, recovered or restored (disaster recovery) from.</summary>
    public string? SourceInstanceId { get; set; }

    public string? Busy { get; set; }
    public DateTime BusyUntil { get; set; }
    public DateTime BusyUntilWall { get; set; }

    public DateTime? ReleaseTime { get; set; }

    // Backup policy (DescribeBackupPolicy defaults [I]: the console's defaults).
    public int BackupRetentionPeriod { get; set; } = 7;
    public string PreferredBackupTime { get; set; } = "19:00Z-20:00Z";
    public string PreferredBackupPeriod { get; set; } = "Tuesday,Thursday,Saturday";
    public string BackupLog { get; set; } = "Enable";
    public int LogBackupRetentionPeriod { get; set; } = 7;
    public string CompressType { get; set; } = "1";
    public string HighSpaceUsageProtection { get; set; } = "Enable";
    public int LocalLogRetentionHours { get; set; } = 18;
    public string LocalLogRetentionSpace { get; set; } = "30";
    public int LogBackupLocalRetentionNumber { get; set; } = 60;
    public string ReleasedKeepPolicy { get; set; } = "None";

    // Cross-region backup policy.
    public string CrossBackupEnabled { get; set; } = "0";
    public string CrossLogBackupEnabled { get; set; } = "0";
    public string? CrossBackupRegion { get; set; }
    public string CrossBackupType { get; set; } = "1";
    public int CrossRetentType { get; set; } = 1;
    public int CrossRetention { get; set; } = 7;

    public string SqlCollectorStatus { get; set; } = "Disabled";

    // Database proxy.
    public string ProxyStatus { get; set; } = RdsProxy.Shutdown;
    public string ProxyInstanceType { get; set; } = "common";
    public int ProxyInstanceNum { get; set; }

    public bool IsReleased => ReleaseTime is not null;

    /// <summary>Starts a transitional status that ends <paramref name="virtualFor"/> later on the virtual clock or <paramref name="wallFor"/> later in wall time.</summary>
    public void BeginBusy(string status, DateTimeOffset now, DateTimeOffset wall, TimeSpan virtualFor, TimeSpan wallFor)
    {
        Busy = status;
        BusyUntil = (now + virtualFor).UtcDateTime;
        BusyUntilWall = (wall + wallFor).UtcDateTime;
    }

    /// <summary>The transitional status still in progress at (<paramref name="now"/>, <paramref name="wall"/>), or null.</summary>
    public string? BusyAt(DateTimeOffset now, DateTimeOffset wall) =>
        Busy is not null && now.UtcDateTime < Utc(BusyUntil) && wall.UtcDateTime < Utc(BusyUntilWall) ? Busy : null;

    internal static DateTime Utc(DateTime t) => BssOpenApi.Sales.Wire.Utc(t);
}

public static class RdsPayTypes
{
    public const string Prepaid = "Prepaid";
    public const string Postpaid = "Postpaid";
}

public static class RdsInstanceTypes
{
    public const string Primary = "Primary";
    public const string Readonly = "Readonly";
    public const string Guard = "Guard";
}

/// <summary>DBInstanceStatus values used here [C] (dd/26315, AFTER-SALES.md §4).</summary>
public static class RdsStatuses
{
    public const string Creating = "Creating";
    public const string Running = "Running";
    public const string Stopped = "Stopped";
    public const string ClassChanging = "DBInstanceClassChanging";
    public const string Restoring = "Restoring";
    public const string Cloning = "INS_CLONING";
    public const string Released = "Released";
}

public static class RdsProxy
{
    public const string Startup = "Startup";
    public const string Shutdown = "Shutdown";
}

/// <summary>
/// Virtual durations of the transitional states [I] (real ones are not published), and the wall-time bound that lets an SDK
/// poller finish without anyone moving the clock (<c>Emulator:Rds:WallSeconds</c>, default 3; a test may raise it to
/// see the states on the virtual clock alone).
/// </summary>
public sealed class RdsTimings
{
    public TimeSpan Create { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan ClassChange { get; init; } = TimeSpan.FromMinutes(10);
    public TimeSpan Clone { get; init; } = TimeSpan.FromMinutes(10);
    public TimeSpan Restore { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan Backup { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan Wall { get; init; } = TimeSpan.FromSeconds(3);
}
