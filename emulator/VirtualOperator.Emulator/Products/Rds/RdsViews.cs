using VirtualOperator.Emulator.Api.Rds;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using ListItemModel = VirtualOperator.Emulator.Api.Rds.DescribeDBInstancesResponse.ItemsModel.DBInstanceModel;
using AttributeModel = VirtualOperator.Emulator.Api.Rds.DescribeDBInstanceAttributeResponse.ItemsModel.DBInstanceAttributeModel;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// Wire formatting of instances into the generated SDK models (DescribeDBInstances' DBInstance, DescribeDBInstanceAttribute's
/// DBInstanceAttribute). A field the emulator has no value for stays null and is left out, which the Tea SDKs read as unset.
/// </summary>
internal static class RdsViews
{
    public static ListItemModel ListItem(RdsInstance i, SalesInstance? record, string status, string lockMode, IEnumerable<RdsInstance> readOnly) => new()
    {
        AutoRenewal = record?.RenewStatus == RenewStatuses.Auto,
        Category = i.Category,
        ConnectionMode = "Standard",
        ConnectionString = i.ConnectionString,
        CreateTime = RdsWire.Time(i.CreateTime),
        DBInstanceClass = i.DBInstanceClass,
        DBInstanceDescription = i.Description,
        DBInstanceId = i.Id,
        DBInstanceNetType = i.NetType,
        DBInstanceStatus = status,
        DBInstanceStorageType = i.StorageType,
        DBInstanceType = i.InstanceType,
        DeletionProtection = i.DeletionProtection,
        Engine = i.Engine,
        EngineVersion = i.EngineVersion,
        ExpireTime = ExpireTime(record),
        InstanceNetworkType = i.InstanceNetworkType,
        LockMode = lockMode,
        LockReason = LockReason(lockMode),
        MasterInstanceId = i.MasterInstanceId ?? "",
        MutriORsignle = false,
        PayType = i.PayType,
        ReadOnlyDBInstanceIds = new() { ReadOnlyDBInstanceId = readOnly.Select(r => new ListItemModel.ReadOnlyDBInstanceIdsModel.ReadOnlyDBInstanceIdModel { DBInstanceId = r.Id }).ToList() },
        RegionId = i.RegionId,
        ZoneId = i.ZoneId,
    };

    public static AttributeModel Attribute(RdsInstance i, SalesInstance? record, string status, string lockMode, ClassSpec? cls, IEnumerable<RdsInstance> readOnly) => new()
    {
        AccountMaxQuantity = 500,
        AutoUpgradeMinorVersion = "Auto",
        AvailabilityValue = "100.0%",
        // The model's nested objects are sent even when the emulator has nothing for their fields (as before the generated
        // types), so a client walking the model meets an empty object, not a missing one.
        BabelfishConfig = new(),
        Category = i.Category,
        ConnectionMode = "Standard",
        ConnectionString = i.ConnectionString,
        CreationTime = RdsWire.Time(i.CreateTime),
        DBInstanceClass = i.DBInstanceClass,
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
        DeletionProtection = i.DeletionProtection,
        Engine = i.Engine,
        EngineVersion = i.EngineVersion,
        ExpireTime = ExpireTime(record),
        Extra = new() { DBInstanceIds = new() { DBInstanceId = [i.Id] } },
        InstanceNetworkType = i.InstanceNetworkType,
        LockMode = lockMode,
        LockReason = LockReason(lockMode),
        MaintainTime = "18:00Z-22:00Z",
        MasterInstanceId = i.MasterInstanceId ?? "",
        MasterZone = i.ZoneId,
        MaxConnections = (cls?.MemoryMb ?? 1024) / 2,
        MaxIOPS = 1800 + 50 * i.Storage,
        PayType = i.PayType,
        Port = i.Port,
        ReadOnlyDBInstanceIds = new() { ReadOnlyDBInstanceId = readOnly.Select(r => new AttributeModel.ReadOnlyDBInstanceIdsModel.ReadOnlyDBInstanceIdModel { DBInstanceId = r.Id }).ToList() },
        RegionId = i.RegionId,
        SecurityIPList = i.SecurityIPList,
        SecurityIPMode = "normal",
        ServerlessConfig = new(),
        SlaveZones = new() { SlaveZone = i.Category == "HighAvailability" ? [new() { ZoneId = i.ZoneId }] : [] },
        TimeZone = "UTC",
        ZoneId = i.ZoneId,
    };

    private static string ExpireTime(SalesInstance? record) => record?.EndTime is { } end ? RdsWire.Time(end) : "";

    private static string LockReason(string lockMode) => lockMode switch
    {
        "LockByExpiration" => "instance_expired",
        "LockByArrearage" => "instance_arrearage",
        _ => "",
    };
}
