using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Federation;

/// <summary>
/// A customer's ICP filing as entered in the console wizard. Kept per customer, not per session, so a login that
/// expires mid-filing loses nothing already saved: the next logon resumes it.
/// Collection <c>icp_drafts</c>: id = customer uid; index PartnerUid.
/// </summary>
public sealed class IcpDraft
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public Dictionary<string, string> Fields { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The furthest step reached (1-based); the wizard opens there.</summary>
    public int CurrentStep { get; set; } = 1;
    /// <summary>One of <see cref="IcpDraftStatuses"/>: editable as Draft or Rejected.</summary>
    public string Status { get; set; } = IcpDraftStatuses.Draft;
    /// <summary>The latest filing made from this draft (Products/Bsn/IcpFilings), once submitted.</summary>
    public string? FilingId { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
}

public static class IcpDraftStatuses
{
    public const string Draft = "Draft";
    /// <summary>Its filing is submitted or under review: the wizard is read-only.</summary>
    public const string Submitted = "Submitted";
    public const string Approved = "Approved";
    /// <summary>Its filing was rejected: the customer fixes the fields and submits again.</summary>
    public const string Rejected = "Rejected";

    public static bool IsEditable(string status) => status is Draft or Rejected;
}

public sealed class IcpDraftStore
{
    private readonly EmulatorDatabase _db;

    public IcpDraftStore(EmulatorDatabase db)
    {
        _db = db;
        Drafts.EnsureIndex(d => d.PartnerUid);
    }

    private ILiteCollection<IcpDraft> Drafts => _db.Collection<IcpDraft>("icp_drafts");

    public IcpDraft GetOrNew(string partnerUid, string customerUid) =>
        Drafts.FindById(customerUid) ?? new IcpDraft { Id = customerUid, PartnerUid = partnerUid };

    public IcpDraft? Get(string customerUid) => Drafts.FindById(customerUid);

    public void Save(IcpDraft draft) => Drafts.Upsert(draft);
}

/// <summary>The steps of the ICP filing wizard and their fields (all required).</summary>
public static class IcpWizard
{
    public sealed record Field(string Name, string Label);
    public sealed record Step(int Number, string Title, IReadOnlyList<Field> Fields);

    public static readonly IReadOnlyList<Step> Steps =
    [
        new(1, "Filing subject", [new("SubjectType", "Subject type (Enterprise or Individual)"), new("SubjectName", "Subject name"), new("CertificateNumber", "Certificate number")]),
        new(2, "Website", [new("Domain", "Domain name"), new("SiteName", "Website name")]),
        new(3, "Site contact", [new("ContactName", "Contact name"), new("ContactPhone", "Mobile phone"), new("ContactEmail", "E-mail")]),
        // The service number of the instance that hosts the site (ProductBindBsn); checked when the filing is submitted.
        new(4, "Review and submit", [new("ServiceNumber", "ICP service number")]),
    ];

    public static Step? Find(int number) => Steps.FirstOrDefault(s => s.Number == number);
}
