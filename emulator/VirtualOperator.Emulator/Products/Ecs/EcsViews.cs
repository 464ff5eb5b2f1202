using VirtualOperator.Emulator.Api.Ecs;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using InstanceModel = VirtualOperator.Emulator.Api.Ecs.DescribeInstancesResponse.InstancesModel.InstanceModel;
using InterfaceModel = VirtualOperator.Emulator.Api.Ecs.DescribeInstancesResponse.InstancesModel.InstanceModel.NetworkInterfacesModel.NetworkInterfaceModel;
using PriceModel = VirtualOperator.Emulator.Api.Ecs.DescribePriceResponse.PriceInfoModel.PriceModel;
using ReservedModel = VirtualOperator.Emulator.Api.Ecs.DescribeReservedInstancesResponse.ReservedInstancesModel.ReservedInstanceModel;
using SupportedModel = VirtualOperator.Emulator.Api.Ecs.DescribeAvailableResourceResponse.AvailableZonesModel.AvailableZoneModel.AvailableResourcesModel.AvailableResourceModel.SupportedResourcesModel.SupportedResourceModel;
using ZoneModel = VirtualOperator.Emulator.Api.Ecs.DescribeAvailableResourceResponse.AvailableZonesModel.AvailableZoneModel;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// The large ECS answers (Api/Ecs.g.cs models) built from the domain records: an instance (DescribeInstances) and its status,
/// a price quote (DescribePrice), a zone's purchasable resources (DescribeAvailableResource), a reserved instance. Every field of
/// the SDK model is present with its type; what the emulator does not model (dedicated hosts, spot, EIPs, IPv6…) answers its
/// empty value. A text the domain keeps as "" (no description, a Region-scope reserved instance's zone, an empty tag value) is
/// written "" even when LiteDB read it back as null (its default EmptyStringToNull): the SDK model has the field and the
/// shape tour requires it, and before these models existed it went out as an explicit null.
/// </summary>
public static class EcsViews
{
    /// <summary>[I] what DescribeInstances shows as ExpiredTime of a PostPaid instance (real answers show this far date).</summary>
    public const string PostPaidExpiredTime = "2099-12-31T15:59Z";

    public static InstanceModel Row(EcsInstance i, SalesInstance s, EcsStatusView state, EcsInventory inventory)
    {
        var type = inventory.InstanceType(i.InstanceType);
        var image = inventory.Image(i.ImageId);
        var cores = type?.CpuCoreCount ?? 0;
        return new InstanceModel
        {
            AdditionalInfo = new() { EnableHighDensityMode = false, ManagedHostId = "", NodeSerialNumber = "" },
            AutoReleaseTime = "",
            ClockOptions = new() { PtpStatus = "disabled" },
            ClusterId = "",
            Cpu = cores,
            CpuOptions = new()
            {
                CoreCount = cores / 2, EnableVISST = false, EnableVRDT = false, NestedVirtualization = "", Numa = "", ThreadsPerCore = 2,
                TopologyType = "", TurboMode = "",
            },
            CreationTime = EcsWire.Time(i.CreationTime),
            CreditSpecification = "",
            DedicatedHostAttribute = new() { DedicatedHostClusterId = "", DedicatedHostId = "", DedicatedHostName = "" },
            DedicatedInstanceAttribute = new() { Affinity = "", Tenancy = "" },
            DeletionProtection = i.DeletionProtection,
            DeploymentSetGroupNo = 0,
            DeploymentSetId = "",
            Description = i.Description ?? "",
            DeviceAvailable = true,
            EcsCapacityReservationAttr = new() { CapacityReservationId = "", CapacityReservationPreference = "" },
            EipAddress = new() { AllocationId = "", Bandwidth = 0, InternetChargeType = "", IpAddress = "", IsSupportUnassociate = false },
            EnableNVS = false,
            ExpiredTime = s.EndTime is { } end ? EcsWire.Time(end) : PostPaidExpiredTime,
            GPUAmount = 0,
            GPUSpec = "",
            HibernationOptions = new() { Configured = false },
            HostName = i.HostName,
            HpcClusterId = "",
            ISP = "",
            ImageId = i.ImageId,
            ImageOptions = new() { CurrentOSNVMeSupported = true, LoginAsNonRoot = false },
            InnerIpAddress = new() { IpAddress = [] },
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
            MetadataOptions = new() { HttpEndpoint = "enabled", HttpPutResponseHopLimit = 1, HttpTokens = "optional", InstanceMetadataTags = "disabled" },
            NetworkInterfaces = new()
            {
                NetworkInterface =
                [
                    new InterfaceModel
                    {
                        Ipv4PrefixSets = new() { Ipv4PrefixSet = [] },
                        Ipv6PrefixSets = new() { Ipv6PrefixSet = [] },
                        Ipv6Sets = new() { Ipv6Set = [] },
                        MacAddress = MacOf(i.Id),
                        NetworkInterfaceId = "eni-" + i.Id[2..],
                        PrimaryIpAddress = i.PrivateIpAddress,
                        PrivateIpSets = new() { PrivateIpSet = [new() { Primary = true, PrivateDnsName = "", PrivateIpAddress = i.PrivateIpAddress }] },
                        Type = "Primary",
                    },
                ],
            },
            OSName = image?.OsName ?? "",
            OSNameEn = image?.OsNameEn ?? "",
            OSType = image?.OsType ?? "linux",
            OperationLocks = new()
            {
                LockReason = state.Locks.Select(l => new InstanceModel.OperationLocksModel.LockReasonModel
                {
                    LockMsg = l == EcsState.LockFinancial ? "The instance is stopped for an overdue payment." : "The subscription has expired.",
                    LockReason = l,
                }).ToList(),
            },
            PrivateDnsNameOptions = new()
            {
                EnableInstanceIdDnsAAAARecord = false, EnableInstanceIdDnsARecord = false, EnableIpDnsARecord = false, EnableIpDnsPtrRecord = false,
                HostnameType = "Custom",
            },
            PublicIpAddress = new() { IpAddress = i.PublicIpAddress is null ? [] : [i.PublicIpAddress] },
            RdmaIpAddress = new() { IpAddress = [] },
            Recyclable = false,
            RegionId = i.RegionId,
            ResourceGroupId = "",
            SaleCycle = i.InstanceChargeType == EcsChargeTypes.PrePaid ? "Month" : "",
            SecurityGroupIds = new() { SecurityGroupId = [.. i.SecurityGroupIds] },
            SecurityOptions = new() { EnableSecureBoot = false },
            SerialNumber = SerialOf(i.Id),
            SpotDuration = 0,
            SpotInterruptionBehavior = "Terminate",
            SpotPriceLimit = 0,
            SpotStrategy = "NoSpot",
            StartTime = i.StartTime is { } st ? EcsWire.Time(st) : "",
            Status = state.Status,
            StoppedMode = state.Status == EcsStatuses.Stopped && i.InstanceChargeType == EcsChargeTypes.PostPaid ? "KeepCharging" : "Not-applicable",
            Tags = new() { Tag = i.Tags.Select(t => new InstanceModel.TagsModel.TagModel { TagKey = t.Key, TagValue = t.Value ?? "" }).ToList() },
            VlanId = "",
            VpcAttributes = new() { NatIpAddress = "", PrivateIpAddress = new() { IpAddress = [i.PrivateIpAddress] }, VSwitchId = i.VSwitchId, VpcId = i.VpcId },
            ZoneId = i.ZoneId,
        };
    }

    /// <summary>One row of DescribeInstanceStatus.</summary>
    public static DescribeInstanceStatusResponse.InstanceStatusesModel.InstanceStatusModel StatusRow(EcsInstance i, EcsStatusView state) =>
        new() { InstanceId = i.Id, Status = state.Status };

    /// <summary>
    /// A DescribePrice quote: the total, one DetailInfo per priced part (with <paramref name="rules"/> on a discounted part),
    /// no marketplace image price.
    /// </summary>
    public static DescribePriceResponse.PriceInfoModel Price(EcsPricing.Quote quote, IReadOnlyList<(string Description, long RuleId)> rules) => new()
    {
        Price = new()
        {
            Currency = quote.Currency,
            DetailInfos = new()
            {
                DetailInfo = quote.Parts.Select(p => new PriceModel.DetailInfosModel.DetailInfoModel
                {
                    DiscountPrice = EcsWire.Number(p.Original - p.Trade), OriginalPrice = EcsWire.Number(p.Original), Resource = p.Resource,
                    SubRules = new()
                    {
                        Rule = p.Original > p.Trade
                            ? rules.Select(r => new PriceModel.DetailInfosModel.DetailInfoModel.SubRulesModel.RuleModel { Description = r.Description, RuleId = r.RuleId }).ToList()
                            : [],
                    },
                    TradePrice = EcsWire.Number(p.Trade),
                }).ToList(),
            },
            DiscountPrice = EcsWire.Number(quote.DiscountPrice), OriginalPrice = EcsWire.Number(quote.OriginalPrice), ReservedInstanceHourPrice = 0,
            TradePrice = EcsWire.Number(quote.TradePrice),
        },
        RelatedPrice = new() { MarketplaceImagePrice = new() { Currency = quote.Currency, DiscountPrice = 0, OriginalPrice = 0, TradePrice = 0 } },
        Rules = new() { Rule = rules.Select(r => new DescribePriceResponse.PriceInfoModel.RulesModel.RuleModel { Description = r.Description, RuleId = r.RuleId }).ToList() },
    };

    /// <summary>One zone of DescribeAvailableResource: the resources of <paramref name="destination"/> it offers, and whether it has stock.</summary>
    public static ZoneModel AvailableZone(string regionId, EcsZone zone, string destination, bool zoneOpen, IReadOnlyList<SupportedModel> supported) => new()
    {
        AvailableResources = new() { AvailableResource = [new() { SupportedResources = new() { SupportedResource = supported }, Type = destination }] },
        RegionId = regionId,
        Status = zoneOpen ? EcsStock.Available : EcsStock.SoldOut,
        StatusCategory = zoneOpen ? "WithStock" : "WithoutStock",
        ZoneId = zone.ZoneId,
    };

    /// <summary>One supported value (a zone, instance type, disk category…) of DescribeAvailableResource; Min/Max/Unit for sizes.</summary>
    public static SupportedModel Supported(string value, bool available, int min = 0, int max = 0, string unit = "") => new()
    {
        Max = max, Min = min, Status = available ? EcsStock.Available : EcsStock.SoldOut, StatusCategory = available ? "WithStock" : "WithoutStock",
        Unit = unit, Value = value,
    };

    /// <summary>A reserved instance as DescribeReservedInstances shows it; <paramref name="status"/> is Active, Expired or Inactive.</summary>
    public static ReservedModel Reserved(EcsReservedInstance r, string status) => new()
    {
        AllocationStatus = r.AllocationStatus, CreationTime = EcsWire.Time(r.CreationTime), Description = r.Description ?? "",
        ExpiredTime = EcsWire.Time(r.ExpiredTime), InstanceAmount = r.InstanceAmount, InstanceType = r.InstanceType,
        OfferingType = r.OfferingType, OperationLocks = new() { OperationLock = [] }, Platform = r.Platform,
        RegionId = r.RegionId, ReservedInstanceId = r.Id, ReservedInstanceName = r.Name ?? "", ResourceGroupId = "", Scope = r.Scope,
        StartTime = EcsWire.Time(r.StartTime), Status = status,
        Tags = new() { Tag = r.Tags.Select(t => new ReservedModel.TagsModel.TagModel { TagKey = t.Key, TagValue = t.Value ?? "" }).ToList() },
        ZoneId = r.ZoneId ?? "",
    };

    /// <summary>A stable serial number per instance (a GUID made from its id).</summary>
    private static string SerialOf(string id) =>
        new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(id))).ToString();

    private static string MacOf(string id)
    {
        var b = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("mac" + id));
        return $"00:16:3e:{b[0]:x2}:{b[1]:x2}:{b[2]:x2}";
    }
}
