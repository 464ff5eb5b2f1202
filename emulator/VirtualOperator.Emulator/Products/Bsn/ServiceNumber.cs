namespace VirtualOperator.Emulator.Products.Bsn;

/// <summary>The documented <c>status</c> of a service number (dd/143225).</summary>
public enum BsnStatus
{
    Unbound = 0,
    /// <summary>Bound to its instance: can be used for a filing, cannot be unbound.</summary>
    Bound = 1,
    Filed = 2,
    Invalid = 3,
    FilingInProgress = 4,
}

/// <summary>
/// One ICP service number (Bsn "sn"), issued by ProductBindBsn for one instance. Collection <c>bsn_numbers</c>:
/// id = the number; indexes PartnerUid, ResourceId. <see cref="HolderUid"/> is the customer who may use it for a
/// filing (the <c>aliUid</c> on the wire): the instance owner until GrantBsnCode gives it to another customer.
/// The stored status is never <see cref="BsnStatus.Invalid"/>: that is read from the resource directory (a
/// released instance invalidates its numbers), see <see cref="ServiceNumbers.StatusOf"/>.
/// </summary>
public sealed class ServiceNumber
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string HolderUid { get; set; } = "";
    public string OwnerUid { get; set; } = "";
    public string ResourceId { get; set; } = "";
    public int ResourceType { get; set; }
    public string ProductCode { get; set; } = "";
    public BsnStatus Status { get; set; } = BsnStatus.Bound;
    /// <summary>Empty until filed (LiteDB reads an empty string back as null, so readers use <c>?? ""</c>).</summary>
    public string? BeianNum { get; set; }
    public string? FilingId { get; set; }
    public string? GrantNotes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? GrantedAt { get; set; }
}
