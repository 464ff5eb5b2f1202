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
    public string Status { get; set; } = "Draft";
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
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
        new(4, "Review and submit", []),
    ];

    public static Step? Find(int number) => Steps.FirstOrDefault(s => s.Number == number);
}
