using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// Something a customer bought and holds: a generic product instance or a resource package (ECS and RDS
/// instances will use the same record with their own <see cref="Kind"/>). Its lifecycle moves on the
/// virtual clock through <see cref="SubscriptionLifecycle"/>; every change runs under the customer's lock.
/// </summary>
public sealed class SalesInstance
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string Kind { get; set; } = InstanceKinds.Generic;
    public string ProductCode { get; set; } = "";
    public string ProductType { get; set; } = "";
    public string SubscriptionType { get; set; } = SubscriptionTypes.Subscription;
    public string Region { get; set; } = "";
    public Dictionary<string, string> Config { get; set; } = new(StringComparer.Ordinal);
    public string Currency { get; set; } = "CNY";
    public string CreatingOrderId { get; set; } = "";

    public DateTime CreateTime { get; set; }
    /// <summary>End of the paid term; null for pay-as-you-go.</summary>
    public DateTime? EndTime { get => _endTime.Value; set => _endTime = OptionalTime.Of(value); }
    private OptionalTime _endTime = OptionalTime.None;
    public DateTime? StopTime { get => _stopTime.Value; set => _stopTime = OptionalTime.Of(value); }
    private OptionalTime _stopTime = OptionalTime.None;
    public DateTime? ExpectedReleaseTime { get => _expectedReleaseTime.Value; set => _expectedReleaseTime = OptionalTime.Of(value); }
    private OptionalTime _expectedReleaseTime = OptionalTime.None;
    public DateTime? ReleaseTime { get => _releaseTime.Value; set => _releaseTime = OptionalTime.Of(value); }
    private OptionalTime _releaseTime = OptionalTime.None;
    public string Status { get; set; } = InstanceStatuses.Normal;
    public string SubStatus { get; set; } = InstanceStatuses.Normal;

    public string RenewStatus { get; set; } = RenewStatuses.Manual;
    /// <summary>Length of one automatic renewal, in <see cref="RenewalDurationUnit"/> (M or Y).</summary>
    public int RenewalDuration { get; set; } = 1;
    public string RenewalDurationUnit { get; set; } = "M";

    /// <summary>The end time whose "expiring soon" notice was already sent.</summary>
    public DateTime? NoticeSentForEnd { get => _noticeSentForEnd.Value; set => _noticeSentForEnd = OptionalTime.Of(value); }
    private OptionalTime _noticeSentForEnd = OptionalTime.None;
    /// <summary>When the lifecycle next has something to do; <see cref="DateTime.MaxValue"/> for never (indexed).</summary>
    public DateTime NextDueAt { get; set; } = DateTime.MaxValue;
    /// <summary><c>{PartnerUid}|{NextDueAt as yyyyMMddHHmmssfffffff}</c>: one indexed range finds a partner's due instances.</summary>
    /// <remarks>Kept as its two parts when it has that form (always, once scheduled): the text was 100 bytes per instance
    /// (docs/performance.md, "Memory per order"). Reads back exactly as set.</remarks>
    [EmptyWhen(nameof(DueKeyIsEmpty))]
    public string DueKey
    {
        get => _duePartner is null ? _dueText : DueKeyOf(_duePartner, new DateTime(_dueTicks, DateTimeKind.Utc));
        set
        {
            if (value is not null && value.LastIndexOf('|') is var bar and >= 0
                && DateTime.TryParseExact(value.AsSpan(bar + 1), DueFormat, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            {
                var partner = PartnerUid is { } p && value.AsSpan(0, bar).SequenceEqual(p) ? p : value[..bar];
                if (DueKeyOf(partner, at) == value)
                {
                    (_duePartner, _dueTicks, _dueText) = (partner, at.Ticks, null!);
                    return;
                }
            }
            (_duePartner, _dueTicks, _dueText) = (null, 0, value!);
        }
    }

    /// <summary>Keeps the due key as its parts, its partner part the row's own (already shared) <see cref="PartnerUid"/>
    /// string: a key set before the row's uid was shared, or read from LiteDB as text, is split again.</summary>
    internal void ShareDueKey()
    {
        // Already in parts: only the partner part is made the row's own string (no text to build and parse again).
        if (_duePartner is not null)
        {
            if (_duePartner == PartnerUid) _duePartner = PartnerUid;
            return;
        }
        DueKey = DueKey;
    }

    /// <summary>Sets <see cref="DueKey"/> to <see cref="DueKeyOf"/>(<see cref="PartnerUid"/>, <paramref name="at"/>), kept as
    /// its parts without the text (it reads back the same): the lifecycle schedules every instance after every step.</summary>
    internal void SetDue(DateTime at) =>
        (_duePartner, _dueTicks, _dueText) = (PartnerUid ?? "", Wire.Utc(at).Ticks, null!); // a null uid keys as "", as DueKeyOf writes it

    private string? _duePartner;
    internal bool DueKeyIsEmpty => _duePartner is null && _dueText is { Length: 0 };
    private long _dueTicks;
    private string _dueText = "";
    private const string DueFormat = "yyyyMMddHHmmssfffffff";

    public static string DueKeyOf(string partnerUid, DateTime at) =>
        partnerUid + "|" + Wire.Utc(at).ToString(DueFormat, System.Globalization.CultureInfo.InvariantCulture);

    // Resource packages only.
    public string? PackageType { get; set; }
    public string? Specification { get; set; }
    public DateTime? EffectiveTime { get => _effectiveTime.Value; set => _effectiveTime = OptionalTime.Of(value); }
    private OptionalTime _effectiveTime = OptionalTime.None;

    public int RenewalMonths => RenewalDurationUnit == "Y" ? RenewalDuration * 12 : RenewalDuration;
    public bool IsReleased => Status == InstanceStatuses.Released;

    /// <summary>A copy sharing no changeable part with this one (the sales store keeps and answers copies).</summary>
    internal SalesInstance Copy()
    {
        var c = (SalesInstance)MemberwiseClone();
        c.Config = new Dictionary<string, string>(Config, StringComparer.Ordinal);
        return c;
    }
}

public static class InstanceKinds
{
    public const string Generic = "Generic";
    public const string ResourcePackage = "ResourcePackage";
    /// <summary>The subscription record of an ECS instance (Products/Ecs); ECS keeps the rest.</summary>
    public const string Ecs = "Ecs";
}

public static class SubscriptionTypes
{
    public const string Subscription = "Subscription";
    public const string PayAsYouGo = "PayAsYouGo";
    public static bool IsValid(string s) => s is Subscription or PayAsYouGo;
}

/// <summary>[I] status names: no source lists QueryAvailableInstances' Status values.</summary>
public static class InstanceStatuses
{
    public const string Normal = "Normal";
    public const string Expired = "Expired";
    public const string Stopped = "Stopped";
    public const string Released = "Released";
}

public static class RenewStatuses
{
    public const string Auto = "AutoRenewal";
    public const string Manual = "ManualRenewal";
    public const string Not = "NotRenewal";
    public static bool IsValid(string s) => s is Auto or Manual or Not;
}
