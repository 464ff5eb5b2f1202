using LiteDB;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Products.Messages;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Aas;

public enum VerificationStatus { NotStarted, Pending, Certified, Rejected }

/// <summary>
/// A customer's real-name (identity) verification. Collection <c>identity_verifications</c>: id = customer uid; index
/// PartnerUid, Ticket. <see cref="Customer.IsCertified"/> mirrors <see cref="VerificationStatus.Certified"/> so
/// GetCustomerAccountInfo reflects it.
/// </summary>
public sealed class IdentityVerification
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public VerificationStatus Status { get; set; } = VerificationStatus.NotStarted;
    /// <summary>The opaque id in the verification URL (GenerateAliyunBidCertWaysUrl), new for every URL.</summary>
    public string Ticket { get; set; } = "";
    public string? BidType { get; set; }
    /// <summary>"Enterprise" or "Individual".</summary>
    public string SubjectType { get; set; } = "Individual";
    public string? CertifiedName { get; set; }
    public string? RejectReason { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CertifiedAt { get; set; }
}

/// <summary>The verification state machine; every transition records its event for the partner's queue.</summary>
public sealed class IdentityVerifications
{
    private readonly EmulatorDatabase _db;
    private readonly CustomerStore _customers;
    private readonly PartnerEvents _events;
    private readonly CustomerLocks _locks;

    public IdentityVerifications(EmulatorDatabase db, CustomerStore customers, PartnerEvents events, CustomerLocks locks)
    {
        _db = db;
        _locks = locks;
        _customers = customers;
        _events = events;
        Records.EnsureIndex(v => v.PartnerUid);
        Records.EnsureIndex(v => v.Ticket);
    }

    private ILiteCollection<IdentityVerification> Records => _db.Collection<IdentityVerification>("identity_verifications");

    public IdentityVerification Get(Customer c) =>
        Records.FindById(c.Id) ?? new IdentityVerification { Id = c.Id, PartnerUid = c.PartnerUid };

    public IdentityVerification? FindByTicket(string ticket) =>
        string.IsNullOrEmpty(ticket) ? null : Records.FindOne(v => v.Ticket == ticket);

    /// <summary>A new verification URL ticket; a customer already certified keeps its state (the page says so).</summary>
    public IdentityVerification Start(Customer c, string? bidType, string? subjectType, DateTimeOffset now) => _locks.Run(c.Id, () =>
    {
        var v = Get(c);
        v.Ticket = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        v.BidType = bidType ?? v.BidType;
        if (v.Status != VerificationStatus.Certified)
        {
            v.Status = VerificationStatus.Pending;
            if (subjectType is not null) v.SubjectType = subjectType;
            v.RejectReason = null;
        }
        v.UpdatedAt = now.UtcDateTime;
        Records.Upsert(v);
        return v;
    });

    public IdentityVerification Complete(Customer c, string? subjectType, string? name, DateTimeOffset now) => _locks.Run(c.Id, () =>
    {
        var v = Get(c);
        if (v.Status == VerificationStatus.Certified) return v;
        v.Status = VerificationStatus.Certified;
        if (subjectType is not null) v.SubjectType = subjectType;
        v.CertifiedName = name ?? v.CertifiedName ?? (string.IsNullOrEmpty(c.EnterpriseName) ? $"{c.FirstName} {c.LastName}".Trim() : c.EnterpriseName);
        v.CertifiedAt = now.UtcDateTime;
        v.UpdatedAt = now.UtcDateTime;
        Records.Upsert(v);
        SetCertified(c, true);
        _events.Record(c.PartnerUid, PartnerEventTypes.IdentityVerificationCompleted,
            new { CustomerUid = c.Id, v.SubjectType, v.BidType }, now);
        return v;
    });

    public IdentityVerification Reject(Customer c, string? reason, DateTimeOffset now) => _locks.Run(c.Id, () =>
    {
        var v = Get(c);
        if (v.Status == VerificationStatus.Certified)
            throw new InvalidOperationException("The customer is certified already; remove the certification first.");
        v.Status = VerificationStatus.Rejected;
        v.RejectReason = string.IsNullOrWhiteSpace(reason) ? "The submitted identity documents could not be verified." : reason;
        v.UpdatedAt = now.UtcDateTime;
        Records.Upsert(v);
        _events.Record(c.PartnerUid, PartnerEventTypes.IdentityVerificationRejected,
            new { CustomerUid = c.Id, Reason = v.RejectReason, v.BidType }, now);
        return v;
    });

    /// <summary>Removes a certification; false when there was none to remove.</summary>
    public bool Remove(Customer c, DateTimeOffset now) => _locks.Run(c.Id, () =>
    {
        var v = Get(c);
        if (v.Status != VerificationStatus.Certified) return false;
        v.Status = VerificationStatus.NotStarted;
        v.CertifiedAt = null;
        v.UpdatedAt = now.UtcDateTime;
        Records.Upsert(v);
        SetCertified(c, false);
        _events.Record(c.PartnerUid, PartnerEventTypes.IdentityVerificationRemoved, new { CustomerUid = c.Id, v.BidType }, now);
        return true;
    });

    private void SetCertified(Customer c, bool certified)
    {
        var fresh = _customers.Get(c.Id) ?? c;
        fresh.IsCertified = certified;
        _customers.Update(fresh);
    }
}
