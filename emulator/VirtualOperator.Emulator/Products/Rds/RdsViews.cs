using VirtualOperator.Emulator.Products.BssOpenApi.Sales;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// Wire formatting of instances: the field names and JSON types of the SDK models (DescribeDBInstancesResponseBody,
/// DescribeDBInstanceAttributeResponseBody); <see cref="RdsReply"/> completes the rest with nulls.
/// </summary>
internal static class RdsViews
{
    public static object ListItem(RdsInstance i, SalesInstance? record, string status, string lockMode, IEnumerable<RdsInstance> readOnly) => new
    {
        AutoRenewal = record?.RenewStatus == RenewStatuses.Auto,
        i.Category,
        ConnectionMode = "Standard",
        i.ConnectionString,
        CreateTime = RdsWire.Time(i.CreateTime),
        i.DBInstanceClass,
        DBInstanceDescription = i.Description,
        DBInstanceId = i.Id,
        DBInstanceNetType = i.NetType,
        DBInstanceStatus = status,
        DBInstanceStorageType = i.StorageType,
        DBInstanceType = i.InstanceType,
        i.DeletionProtection,
        i.Engine,
        i.EngineVersion,
        ExpireTime = record?.EndTime is { } end ? RdsWire.Time(end) : "",
        i.InstanceNetworkType,
        LockMode = lockMode,
        LockReason = lockMode switch { "LockByExpiration" => "instance_expired", "LockByArrearage" => "instance_arrearage", _ => "" },
        MasterInstanceId = i.MasterInstanceId ?? "",
        MutriORsignle = false,
        i.PayType,
        ReadOnlyDBInstanceIds = new { ReadOnlyDBInstanceId = readOnly.Select(r => new { DBInstanceId = r.Id }).ToList() },
        i.RegionId,
        i.ZoneId,
    };

    public static object Attribute(RdsInstance i, SalesInstance? record, string status, string lockMode, ClassSpec? cls, IEnumerable<RdsInstance> readOnly) => new
    {
        AccountMaxQuantity = 500,
        AutoUpgradeMinorVersion = "Auto",
        AvailabilityValue = "100.0%",
        i.Category,
        ConnectionMode = "Standard",
        i.ConnectionString,
        CreationTime = RdsWire.Time(i.CreateTime),
        i.DBInstanceClass,
        DBInstanceClassType = "x",
        DBInstanceCPU = RdsWire.Number(cls?.Cpu ?? 0),
        DBInstanceDescription = i.Description,
        DBInstanceDiskUsed = "0",
        DBInstanceId = i.Id,
        DBInstanceMemory = cls?.MemoryMb ?? 0,
        DBInstanceNetType = i.NetType,
        DBInstanceStatus = status,
        DBInstanceStorage = i.Storage,
        DBInstanceStorageType = i.StorageType,
        DBInstanceType = i.InstanceType,
        DBMaxQuantity = 500,
        i.DeletionProtection,
        i.Engine,
        i.EngineVersion,
        ExpireTime = record?.EndTime is { } end ? RdsWire.Time(end) : "",
        i.InstanceNetworkType,
        LockMode = lockMode,
        LockReason = lockMode switch { "LockByExpiration" => "instance_expired", "LockByArrearage" => "instance_arrearage", _ => "" },
        MaintainTime = "18:00Z-22:00Z",
        MasterInstanceId = i.MasterInstanceId ?? "",
        MasterZone = i.ZoneId,
        MaxConnections = (cls?.MemoryMb ?? 1024) / 2,
        MaxIOPS = 1800 + 50 * i.Storage,
        i.PayType,
        i.Port,
        ReadOnlyDBInstanceIds = new { ReadOnlyDBInstanceId = readOnly.Select(r => new { DBInstanceId = r.Id }).ToList() },
        i.RegionId,
        SecurityIPList = i.SecurityIPList,
        SecurityIPMode = "normal",
        TimeZone = "UTC",
        SlaveZones = new { SlaveZone = i.Category == "HighAvailability" ? [new { ZoneId = i.ZoneId }] : Array.Empty<object>() },
        Extra = new { DBInstanceIds = new { DBInstanceId = new[] { i.Id } } },
        i.ZoneId,
    };
}
