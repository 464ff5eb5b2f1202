using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// RDS errors. [C] = code (and status) from shared/reference/AFTER-SALES.md §4 (help.aliyun.com/en/rds/api-release-instance,
/// terraform-provider-alicloud); everything else is [I], patterned on RDS's own Dotted.Code style and listed in docs/rds.md.
/// </summary>
public static class RdsErrors
{
    /// <summary>[I] code and message; 404 as the other *.NotFound codes of the gateway.</summary>
    public static ApiException InstanceNotFound(string id) =>
        new("InvalidDBInstanceId.NotFound", $"The specified instance \"{id}\" is not found.", 404);

    /// <summary>[C] code, status and message (AFTER-SALES.md §4).</summary>
    public static ApiException PrePayTypeNotSupported() =>
        new("OperationDenied.PrePayTypeNotSupported", "The operation is not permitted due to pay type of instance.", 403);

    /// <summary>[C] code (terraform retries on it); [I] status and message.</summary>
    public static ApiException DBInstanceStatus(string id, string status) =>
        new("OperationDenied.DBInstanceStatus", $"The operation is not permitted due to status of instance. {id} is {status}.", 403);

    /// <summary>[C] code and status (AFTER-SALES.md §4); [I] message.</summary>
    public static ApiException DeletionProtection() =>
        new("OperationDenied.DeletionProtection", "The instance has deletion protection enabled; disable it before releasing the instance.", 400);

    /// <summary>[I] a primary with read-only instances is not released (release them first).</summary>
    public static ApiException HasReadOnlyInstances(string id, int count) =>
        new("OperationDenied.ReadDBInstanceExists", $"The instance {id} still has {count} read-only instance(s); release them first.", 403);

    /// <summary>[I] "read/write splitting is off" is a release precondition [C]; the code is ours.</summary>
    public static ApiException ProxyEnabled(string id) =>
        new("OperationDenied.DBProxyEnabled", $"The database proxy of {id} is enabled; disable it (ModifyDBProxy Shutdown) first.", 403);

    /// <summary>[I] no source gives the code for a class the engine/edition does not sell.</summary>
    public static ApiException InvalidClass(string code, string why) =>
        new("InvalidDBInstanceClass.NotFound", $"The specified instance class \"{code}\" is not valid: {why}.", 404);

    /// <summary>[I] storage outside the storage type's range or off its step.</summary>
    public static ApiException InvalidStorage(int gb, StorageTypeSpec range, string type) =>
        new("InvalidDBInstanceStorage.Malformed",
            $"The specified storage {gb} GB is not valid for {type}: from {range.Min} to {range.Max} GB in steps of {range.Step} GB.", 400);

    public static ApiException InvalidStorageType(string type, string engine, string category) =>
        new("InvalidDBInstanceStorageType.Malformed", $"The storage type \"{type}\" is not sold for {engine} {category}.", 400);

    public static ApiException InvalidEngine(string engine) =>
        new("InvalidEngine.Malformed", $"The specified engine \"{engine}\" is not valid.", 400);

    public static ApiException InvalidEngineVersion(string engine, string version) =>
        new("InvalidEngineVersion.Malformed", $"The specified engine version \"{version}\" is not valid for {engine}.", 400);

    /// <summary>[I] an edition (Category) the engine does not offer, or a class of another edition.</summary>
    public static ApiException InvalidCategory(string engine, string category) =>
        new("InvalidCategory.Malformed", $"The edition \"{category}\" is not offered for {engine}.", 400);

    public static ApiException InvalidRegion(string region) =>
        new("InvalidRegionId.NotFound", $"The specified region \"{region}\" does not exist.", 404);

    public static ApiException InvalidZone(string zone, string region) =>
        new("InvalidZoneId.NotFound", $"The specified zone \"{zone}\" does not exist in {region}.", 404);

    /// <summary>[I] the primary's engine/edition does not take read-only instances (Basic, SQL Server Standard).</summary>
    public static ApiException ReadOnlyNotSupported(string id, string engine, string category) =>
        new("OperationDenied.ReadDBInstanceNotSupported", $"The instance {id} ({engine} {category}) does not support read-only instances.", 403);

    /// <summary>[I] code; the limit itself is in fixtures/seed/rds.json (maxReadOnly).</summary>
    public static ApiException ReadOnlyQuotaExceeded(string id, int max) =>
        new("QuotaExceeded.ReadDBInstance", $"The instance {id} already has the maximum of {max} read-only instances.", 400);

    /// <summary>[I] a read-only instance must run the primary's major version.</summary>
    public static ApiException ReadOnlyVersionMismatch(string version, string primaryVersion) =>
        new("InvalidEngineVersion.Malformed", $"A read-only instance runs its primary's engine version {primaryVersion}, not {version}.", 400);

    /// <summary>[I] a read-only instance's storage is at least the primary's (the doc's rule [C], the code ours).</summary>
    public static ApiException ReadOnlyStorageTooSmall(int gb, int primaryGb) =>
        new("InvalidDBInstanceStorage.Malformed", $"The storage of a read-only instance ({gb} GB) must be at least its primary's ({primaryGb} GB).", 400);

    /// <summary>[C] rule (a restored instance's storage is at least the original's); [I] code.</summary>
    public static ApiException StorageBelowSource(int gb, int sourceGb) =>
        new("InvalidDBInstanceStorage.Malformed", $"The storage of the new instance ({gb} GB) must be at least the source's ({sourceGb} GB).", 400);

    /// <summary>[I] an operation for primaries asked of a read-only (or disaster-recovery) instance.</summary>
    public static ApiException NotAPrimary(string id, string type) =>
        new("OperationDenied.DBInstanceType", $"The operation is not permitted for {id}, a {type} instance.", 403);

    public static ApiException BackupNotFound(string backupId) =>
        new("InvalidBackupSetID.NotFound", $"The specified backup set \"{backupId}\" is not found.", 404);

    /// <summary>[I] a restore time outside [creation or retention start, now] (the doc: "must fall within the backup retention period").</summary>
    public static ApiException RestoreTimeOutOfRange(string time, DateTime from, DateTime to) =>
        new("InvalidRestoreTime.Malformed",
            $"The restore time {time} is outside the recoverable range {Iso(from)} to {Iso(to)} (the backup retention period).", 400);

    public static ApiException RestoreSourceMissing() =>
        new("MissingParameter", "You must specify at least one of the BackupId or RestoreTime parameters.", 400);

    /// <summary>[I] RestoreTable restores MySQL (and PostgreSQL databases only, [C]); the emulator offers it where the inventory says.</summary>
    public static ApiException RestoreTableNotSupported(string engine) =>
        new("OperationDenied.DBInstanceEngine", $"RestoreTable is not supported for {engine} instances.", 403);

    public static ApiException InvalidTableMeta() =>
        new("InvalidTableMeta.Malformed", "TableMeta must be a JSON array such as [{\"type\":\"db\",\"name\":\"db1\",\"newname\":\"db1_backup\",\"tables\":[...]}].", 400);

    /// <summary>[I] CreateDdrInstance needs cross-region backups of the source into the destination region.</summary>
    public static ApiException CrossBackupNotEnabled(string id, string region) =>
        new("OperationDenied.CrossBackupDisabled", $"The instance {id} has no cross-region backup into {region} (ModifyInstanceCrossBackupPolicy BackupEnabled=1).", 403);

    /// <summary>[I] proxy on an edition without it, or a change that is not one.</summary>
    public static ApiException ProxyNotSupported(string id, string engine, string category) =>
        new("OperationDenied.DBProxyNotSupported", $"The instance {id} ({engine} {category}) does not support the database proxy.", 403);

    public static ApiException ProxyStatus(string id, string status) =>
        new("OperationDenied.DBProxyStatus", $"The database proxy of {id} is {status}.", 403);

    /// <summary>[I] a spec change that changes nothing, or a Down of a subscription that is not a downgrade.</summary>
    public static ApiException NotAChange(string id, string why) =>
        new("InvalidParameter", $"The specified parameter \"DBInstanceClass\" is not valid. {id}: {why}", 400);

    public static ApiException InvalidValue(string name, string value, IEnumerable<string> allowed) =>
        CommonErrors.InvalidParameter(name, $"\"{value}\" is not one of {string.Join(", ", allowed)}.");

    private static string Iso(DateTime t) => Clock.IsoSeconds.Format(t);
}
