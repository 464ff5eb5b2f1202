using VirtualOperator.Emulator.Products.BssOpenApi.Sales;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// Wire shape of an ECS instance (DescribeInstances), from the domain records. Every field of the SDK model is present
/// with its type; what the emulator does not model (dedicated hosts, spot, EIPs, IPv6…) answers its empty value.
/// </summary>
public static class EcsViews
{
    /// <summary>[I] what DescribeInstances shows as ExpiredTime of a PostPaid instance (real answers show this far date).</summary>
    public const string PostPaidExpiredTime = "2099-12-31T15:59Z";

    public static object Row(EcsInstance i, SalesInstance s, EcsStatusView state, EcsInventory inventory)
    {
        var type = inventory.InstanceType(i.InstanceType);
        var image = inventory.Image(i.ImageId);
        var cores = type?.CpuCoreCount ?? 0;
        return new
        {
            AdditionalInfo = new { EnableHighDensityMode = false, ManagedHostId = "", NodeSerialNumber = "" },
            AutoReleaseTime = "",
            ClockOptions = new { PtpStatus = "disabled" },
            ClusterId = "",
            Cpu = cores,
            CpuOptions = new
            {
                CoreCount = cores / 2, EnableVISST = false, EnableVRDT = false, NestedVirtualization = "", Numa = "", ThreadsPerCore = 2,
                TopologyType = "", TurboMode = "",
            },
            CreationTime = EcsWire.Time(i.CreationTime),
            CreditSpecification = "",
            DedicatedHostAttribute = new { DedicatedHostClusterId = "", DedicatedHostId = "", DedicatedHostName = "" },
            DedicatedInstanceAttribute = new { Affinity = "", Tenancy = "" },
            DeletionProtection = i.DeletionProtection,
            DeploymentSetGroupNo = 0,
            DeploymentSetId = "",
            Description = i.Description,
            DeviceAvailable = true,
            EcsCapacityReservationAttr = new { CapacityReservationId = "", CapacityReservationPreference = "" },
            EipAddress = new { AllocationId = "", Bandwidth = 0, InternetChargeType = "", IpAddress = "", IsSupportUnassociate = false },
            EnableNVS = false,
            ExpiredTime = s.EndTime is { } end ? EcsWire.Time(end) : PostPaidExpiredTime,
            GPUAmount = 0,
            GPUSpec = "",
            HibernationOptions = new { Configured = false },
            HostName = i.HostName,
            HpcClusterId = "",
            ISP = "",
            ImageId = i.ImageId,
            ImageOptions = new { CurrentOSNVMeSupported = true, LoginAsNonRoot = false },
            InnerIpAddress = new { IpAddress = Array.Empty<string>() },
            InstanceChargeType = i.InstanceChargeType,
            InstanceId = i.Id,
            InstanceName = i.InstanceName,
            InstanceNetworkType = "vpc",
            InstanceType = i.InstanceType,
            InstanceTypeFamily = type?.Family ?? "",
            InternetChargeType = i.InternetChargeType,
            InternetMaxBandwidthIn = i.InternetMaxBandwidthIn,
            InternetMaxBandwidthOut = i.InternetMaxBandwidthOut,
            IoOptimized = true,
            KeyPairName = i.KeyPairName ?? "",
            LocalStorageAmount = 0,
            LocalStorageCapacity = 0,
            Memory = (type?.MemorySizeGiB ?? 0) * 1024,
            MetadataOptions = new { HttpEndpoint = "enabled", HttpPutResponseHopLimit = 1, HttpTokens = "optional", InstanceMetadataTags = "disabled" },
            NetworkInterfaces = new
            {
                NetworkInterface = new[]
                {
                    new
                    {
                        Ipv4PrefixSets = new { Ipv4PrefixSet = Array.Empty<object>() },
                        Ipv6PrefixSets = new { Ipv6PrefixSet = Array.Empty<object>() },
                        Ipv6Sets = new { Ipv6Set = Array.Empty<object>() },
                        MacAddress = MacOf(i.Id),
                        NetworkInterfaceId = "eni-" + i.Id[2..],
                        PrimaryIpAddress = i.PrivateIpAddress,
                        PrivateIpSets = new { PrivateIpSet = new[] { new { Primary = true, PrivateDnsName = "", PrivateIpAddress = i.PrivateIpAddress } } },
                        Type = "Primary",
                    },
                },
            },
            OSName = image?.OsName ?? "",
            OSNameEn = image?.OsNameEn ?? "",
            OSType = image?.OsType ?? "linux",
            OperationLocks = new
            {
                LockReason = state.Locks.Select(l => new
                {
                    LockMsg = l == EcsState.LockFinancial ? "The instance is stopped for an overdue payment." : "The subscription has expired.",
                    LockReason = l,
                }).ToArray(),
            },
            PrivateDnsNameOptions = new
            {
                EnableInstanceIdDnsAAAARecord = false, EnableInstanceIdDnsARecord = false, EnableIpDnsARecord = false, EnableIpDnsPtrRecord = false,
                HostnameType = "Custom",
            },
            PublicIpAddress = new { IpAddress = i.PublicIpAddress is null ? Array.Empty<string>() : [i.PublicIpAddress] },
            RdmaIpAddress = new { IpAddress = Array.Empty<string>() },
            Recyclable = false,
            RegionId = i.RegionId,
            ResourceGroupId = "",
            SaleCycle = i.InstanceChargeType == EcsChargeTypes.PrePaid ? "Month" : "",
            SecurityGroupIds = new { SecurityGroupId = i.SecurityGroupIds.ToArray() },
            SecurityOptions = new { EnableSecureBoot = false },
            SerialNumber = SerialOf(i.Id),
            SpotDuration = 0,
            SpotInterruptionBehavior = "Terminate",
            SpotPriceLimit = 0.0,
            SpotStrategy = "NoSpot",
            StartTime = i.StartTime is { } st ? EcsWire.Time(st) : "",
            Status = state.Status,
            StoppedMode = state.Status == EcsStatuses.Stopped && i.InstanceChargeType == EcsChargeTypes.PostPaid ? "KeepCharging" : "Not-applicable",
            Tags = new { Tag = i.Tags.Select(t => new { TagKey = t.Key, TagValue = t.Value }).ToArray() },
            VlanId = "",
            VpcAttributes = new { NatIpAddress = "", PrivateIpAddress = new { IpAddress = new[] { i.PrivateIpAddress } }, VSwitchId = i.VSwitchId, VpcId = i.VpcId },
            ZoneId = i.ZoneId,
        };
    }

    /// <summary>A stable serial number per instance (a GUID made from its id).</summary>
    private static string SerialOf(string id) =>
        new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(id))).ToString();

    private static string MacOf(string id)
    {
        var b = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("mac" + id));
        return $"00:16:3e:{b[0]:x2}:{b[1]:x2}:{b[2]:x2}";
    }
}
