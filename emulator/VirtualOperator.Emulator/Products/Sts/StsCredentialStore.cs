using LiteDB;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Sts;

/// <summary>Issued STS credentials. Collection <c>sts_credentials</c>: id = AccessKeyId; index PartnerUid.</summary>
public sealed class StsCredentialStore
{
    private readonly EmulatorDatabase _db;

    public StsCredentialStore(EmulatorDatabase db)
    {
        _db = db;
        Credentials.EnsureIndex(c => c.PartnerUid);
    }

    private ILiteCollection<StsCredential> Credentials => _db.Collection<StsCredential>("sts_credentials");

    public void Insert(StsCredential credential) => Credentials.Insert(credential);

    public StsCredential? Get(string accessKeyId) => Credentials.FindById(accessKeyId);

    public IReadOnlyList<StsCredential> ListFor(string partnerUid) =>
        Credentials.Find(c => c.PartnerUid == partnerUid).OrderBy(c => c.IssuedAt).ToList();

    /// <summary>Makes the credentials expire at <paramref name="at"/> (the control plane's <c>…/expire</c>).</summary>
    public StsCredential? ExpireAt(string accessKeyId, DateTimeOffset at)
    {
        var c = Get(accessKeyId);
        if (c is null) return null;
        if (c.ExpiresAt > at.UtcDateTime) c.ExpiresAt = at.UtcDateTime;
        Credentials.Update(c);
        return c;
    }
}

/// <summary>
/// Lets the signature verifier find STS AccessKeyIds: it then enforces the SecurityToken and the expiry
/// (virtual clock), and the call acts as <see cref="StsCredential.CustomerUid"/>.
/// </summary>
public sealed class StsCredentialSource(StsCredentialStore store, PartnerStore partners) : ICredentialSource
{
    public ResolvedCredential? Find(string accessKeyId)
    {
        if (!accessKeyId.StartsWith(StsKeys.AccessKeyPrefix, StringComparison.Ordinal)) return null;
        if (store.Get(accessKeyId) is not { } c || partners.Get(c.PartnerUid) is not { } partner) return null;
        return new ResolvedCredential(c.Id, c.Secret, partner, c.CustomerUid, c.SecurityToken,
            new DateTimeOffset(DateTime.SpecifyKind(c.ExpiresAt, DateTimeKind.Utc)));
    }
}
