namespace VirtualOperator.Emulator.Partners;

/// <summary>What an AccessKeyId resolves to: its secret and who is calling.</summary>
/// <param name="CustomerUid">Set for STS credentials issued by AssumeRole on a customer's role: the call acts as that customer.</param>
/// <param name="SecurityToken">Set for STS credentials: the token the request must carry.</param>
/// <param name="ExpiresAt">Virtual time after which STS credentials answer InvalidSecurityToken.Expired.</param>
public sealed record ResolvedCredential(
    string AccessKeyId, string Secret, Partner Partner,
    string? CustomerUid = null, string? SecurityToken = null, DateTimeOffset? ExpiresAt = null)
{
    public bool IsSts => SecurityToken is not null;
}

/// <summary>
/// One source of AccessKeys, tried in turn (Azurite's authenticator chain): partner keys come with the
/// foundation; STS credentials are added by the secure-access product.
/// </summary>
public interface ICredentialSource
{
    ResolvedCredential? Find(string accessKeyId);
}

public sealed class PartnerCredentialSource(PartnerStore partners) : ICredentialSource
{
    public ResolvedCredential? Find(string accessKeyId) =>
        partners.FindByAccessKeyId(accessKeyId) is { } p ? new ResolvedCredential(p.AccessKeyId, p.AccessKeySecret, p) : null;
}
