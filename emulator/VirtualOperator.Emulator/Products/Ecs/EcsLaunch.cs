using System.Security.Cryptography;
using VirtualOperator.Emulator.Api.Ecs;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// A RunInstances request, checked against the inventory before anything is written (parameter rules from the
/// RunInstances reference; defaults marked [I] in docs/ecs.md).
/// </summary>
internal sealed record EcsLaunch(
    EcsRegion Region, EcsZone Zone, EcsInstanceType Type, EcsImage Image, string ChargeType, int Period, string PeriodUnit,
    bool AutoRenew, int AutoRenewPeriod, string InternetChargeType, int BandwidthOut, int BandwidthIn, string DiskCategory, int SystemDiskSize,
    int Amount, string? InstanceName, string? HostName, string Description, bool UniqueSuffix, List<EcsTag> Tags,
    List<string> SecurityGroupIds, string? VSwitchId, string? KeyPairName, bool DeletionProtection)
{
    public static EcsLaunch Parse(ActionContext ctx, RunInstancesRequest req)
    {
        var inventory = ctx.Get<EcsInventory>();
        var region = EcsWire.Region(ctx, req.RegionId);
        var typeId = req.InstanceType ?? throw CommonErrors.MissingParameter("InstanceType");
        var type = inventory.InstanceType(typeId) ?? throw EcsErrors.InstanceTypeNotSupported();
        var imageId = req.ImageId ?? throw CommonErrors.MissingParameter("ImageId");
        var image = inventory.Image(imageId) ?? throw EcsErrors.ImageNotFound();
        var zone = req.ZoneId is { } z ? region.Zone(z) ?? throw EcsErrors.ZoneNotFound() : region.Zones[0];

        var chargeType = req.InstanceChargeType ?? EcsChargeTypes.PostPaid;
        if (chargeType is not (EcsChargeTypes.PrePaid or EcsChargeTypes.PostPaid)) throw EcsErrors.ChargeTypeNotFound();
        var (period, unit) = chargeType == EcsChargeTypes.PrePaid ? PeriodOf(() => req.Period, req.PeriodUnit) : (0, "Month");
        var autoRenew = chargeType == EcsChargeTypes.PrePaid && (req.AutoRenew ?? false);
        var autoRenewPeriod = req.AutoRenewPeriod ?? 1;
        if (autoRenew && autoRenewPeriod is not (1 or 2 or 3 or 6 or 12 or 24 or 36 or 48 or 60)) throw EcsErrors.InvalidAutoRenewPeriod();

        var internet = req.InternetChargeType ?? "PayByTraffic";
        if (internet is not ("PayByTraffic" or "PayByBandwidth")) throw EcsErrors.InvalidInternetChargeType();
        var bandwidthOut = req.InternetMaxBandwidthOut ?? 0;
        if (bandwidthOut < 0 || bandwidthOut > inventory.Bandwidth.MaxMbps) throw EcsErrors.InvalidBandwidth();
        var bandwidthIn = req.InternetMaxBandwidthIn ?? 100;

        var category = req.SystemDisk_Category ?? inventory.SystemDisk.DefaultCategory;
        if (!inventory.SystemDisk.Categories.Contains(category)) throw EcsErrors.SystemDiskCategory();
        var sizeText = req.SystemDisk_Size;
        var size = Math.Max(40, image.SizeGiB);
        if (sizeText is not null && (!int.TryParse(sizeText, out size) || size < Math.Max(inventory.SystemDisk.MinGiB, image.SizeGiB) || size > inventory.SystemDisk.MaxGiB))
            throw EcsErrors.SystemDiskSize();

        var amount = req.Amount ?? 1;
        if (amount is < 1 or > 100) throw CommonErrors.InvalidParameter("Amount", "It must be from 1 to 100.");
        var minAmount = req.MinAmount ?? amount;
        if (minAmount < 1 || minAmount > amount) throw CommonErrors.InvalidParameter("MinAmount", "It must be from 1 to Amount.");

        var name = req.InstanceName;
        if (name is not null && (name.Length is < 2 or > 128 || !char.IsLetter(name[0]) || name.StartsWith("http", StringComparison.Ordinal)))
            throw EcsErrors.InvalidInstanceName();
        var host = req.HostName;
        if (host is not null && (host.Length is < 2 or > 64 || host[0] == '.' || host[0] == '-' || host.EndsWith('.') || host.EndsWith('-')))
            throw EcsErrors.InvalidHostName();
        // Tag.N.Key/Value and SecurityGroupIds.N are repeat lists (the catalog lists one string each): read from ctx.Params.
        var tags = ctx.Params.StructList("Tag").Select(t => new EcsTag { Key = t.GetValueOrDefault("Key") ?? "", Value = t.GetValueOrDefault("Value") ?? "" }).ToList();
        if (tags.Count > 20 || tags.Any(t => t.Key.Length == 0)) throw CommonErrors.InvalidParameter("Tag", "From 1 to 20 tags, each with a Key.");
        var groups = ctx.Params.StringList("SecurityGroupIds").ToList();
        if (req.SecurityGroupId is { } g) groups.Insert(0, g);

        return new EcsLaunch(region, zone, type, image, chargeType, period, unit, autoRenew, autoRenewPeriod, internet, bandwidthOut, bandwidthIn,
            category, size, amount, name, host, req.Description ?? "", req.UniqueSuffix ?? false, tags,
            groups, req.VSwitchId, req.KeyPairName, req.DeletionProtection ?? false);
    }

    /// <summary>
    /// Period and its unit (parameters Period and PeriodUnit): Week 1–4; Month 1–9, 12, 24, 36, 48, 60 (RunInstances reference);
    /// Year 1–5 [I]. The unit is checked before Period is read, so a bad unit is the error a call with both wrong gets.
    /// </summary>
    public static (int Period, string Unit) PeriodOf(Func<int?> periodParam, string? unitParam)
    {
        const string periodName = "Period", unitName = "PeriodUnit";
        var unit = unitParam ?? "Month";
        if (unit is not ("Week" or "Month" or "Year")) throw EcsErrors.InvalidPeriod(unitName);
        var period = periodParam() ?? throw CommonErrors.MissingParameter(periodName);
        var ok = unit switch
        {
            "Week" => period is >= 1 and <= 4,
            "Year" => period is >= 1 and <= 5,
            _ => period is (>= 1 and <= 9) or 12 or 24 or 36 or 48 or 60,
        };
        return ok ? (period, unit) : throw EcsErrors.InvalidPeriod(periodName);
    }

    public static DateTime Add(DateTime t, int period, string unit) => unit switch
    {
        "Week" => t.AddDays(7 * period),
        "Year" => t.AddYears(period),
        _ => t.AddMonths(period),
    };

    public DateTime EndOfTerm(DateTime now) => Add(now, Period, PeriodUnit);

    public EcsInstance NewInstance(ActionContext ctx, EcsStore store, string customer, int n, DateTime now)
    {
        var id = store.NewInstanceId(Region.RegionId);
        var suffix = UniqueSuffix && Amount > 1 ? n.ToString("000", System.Globalization.CultureInfo.InvariantCulture) : "";
        var i = new EcsInstance
        {
            Id = id, PartnerUid = ctx.PartnerUid, CustomerUid = customer, RegionId = Region.RegionId, ZoneId = Zone.ZoneId,
            InstanceType = Type.InstanceTypeId, ImageId = Image.ImageId,
            InstanceName = InstanceName is null ? id : InstanceName + suffix,
            HostName = HostName is null ? "iZ" + id[2..] + "Z" : HostName + suffix,
            Description = Description, InstanceChargeType = ChargeType, InternetChargeType = InternetChargeType,
            InternetMaxBandwidthOut = BandwidthOut, InternetMaxBandwidthIn = BandwidthIn, SystemDiskCategory = DiskCategory, SystemDiskSize = SystemDiskSize,
            PrivateIpAddress = $"172.16.{RandomNumberGenerator.GetInt32(0, 256)}.{RandomNumberGenerator.GetInt32(1, 255)}",
            PublicIpAddress = BandwidthOut > 0 ? NewPublicIp() : null,
            VpcId = "vpc-" + Region.RegionId.Replace("-", "", StringComparison.Ordinal) + "default",
            VSwitchId = VSwitchId ?? "vsw-" + Zone.ZoneId.Replace("-", "", StringComparison.Ordinal) + "default",
            SecurityGroupIds = SecurityGroupIds.Count > 0 ? [.. SecurityGroupIds] : ["sg-" + Region.RegionId.Replace("-", "", StringComparison.Ordinal) + "default"],
            Tags = Tags.Select(t => new EcsTag { Key = t.Key, Value = t.Value }).ToList(), KeyPairName = KeyPairName,
            DeletionProtection = DeletionProtection, CreationTime = now,
        };
        EcsState.Begin(i, EcsTransitions.Launching, EcsStatuses.Running, now);
        i.StartTime = now + EcsState.PendingFor + EcsState.StartingFor;
        return i;
    }

    /// <summary>The instance's subscription record (kind Ecs) for the shared lifecycle: term, renewal, expiry, release.</summary>
    public SalesInstance Subscription(EcsInstance i, string currency, DateTime now) => new()
    {
        Id = i.Id, PartnerUid = i.PartnerUid, CustomerUid = i.CustomerUid, Kind = EcsInstance.SalesKind, ProductCode = EcsWire.ProductCode,
        ProductType = "", SubscriptionType = ChargeType == EcsChargeTypes.PrePaid ? SubscriptionTypes.Subscription : SubscriptionTypes.PayAsYouGo,
        Region = i.RegionId, Config = EcsWire.ConfigOf(i), Currency = currency, CreatingOrderId = i.CreatingOrderId, CreateTime = now,
        EndTime = ChargeType == EcsChargeTypes.PrePaid ? EndOfTerm(now) : null,
        RenewStatus = AutoRenew ? RenewStatuses.Auto : RenewStatuses.Manual, RenewalDuration = AutoRenewPeriod, RenewalDurationUnit = "M",
    };

    /// <summary>[I] a public address from 47.0.0.0/8, a block Alibaba Cloud uses for ECS public IPs.</summary>
    private static string NewPublicIp() =>
        $"47.{RandomNumberGenerator.GetInt32(0, 256)}.{RandomNumberGenerator.GetInt32(0, 256)}.{RandomNumberGenerator.GetInt32(1, 255)}";
}
