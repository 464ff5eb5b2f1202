namespace VirtualOperator.Emulator.Products.Bsn;

public enum IcpFilingStatus { Submitted, UnderReview, Approved, Rejected }

/// <summary>
/// One submission of the console ICP wizard. Collection <c>icp_filings</c>: id "ICP" + 12 digits; indexes PartnerUid,
/// CustomerUid. A rejected filing stays as it was; the customer fixes the draft and submits again, which makes a new
/// filing (so every filing id names one decision).
/// </summary>
public sealed class IcpFiling
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string Sn { get; set; } = "";
    /// <summary>The wizard's fields as submitted.</summary>
    public Dictionary<string, string> Fields { get; set; } = new(StringComparer.Ordinal);
    public IcpFilingStatus Status { get; set; }
    public DateTime SubmittedAt { get; set; }
    /// <summary>When the provider's first check ends and the filing goes under review (virtual time).</summary>
    public DateTime ReviewStartsAt { get; set; }
    /// <summary>When an undecided review ends in approval (virtual time).</summary>
    public DateTime ReviewEndsAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>"control-plane" or "review-period".</summary>
    public string? DecidedBy { get; set; }
    public string? RejectReason { get; set; }
    public string? BeianNum { get; set; }

    [LiteDB.BsonIgnore]
    public bool IsOpen => Status is IcpFilingStatus.Submitted or IcpFilingStatus.UnderReview;

    /// <summary>The next time-driven step, or null when decided.</summary>
    [LiteDB.BsonIgnore]
    public DateTime? NextDueAt => Status switch
    {
        IcpFilingStatus.Submitted => ReviewStartsAt,
        IcpFilingStatus.UnderReview => ReviewEndsAt,
        _ => null,
    };
}
