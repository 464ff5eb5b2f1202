namespace VirtualOperator.Emulator.Products.Sts;

/// <summary>
/// Temporary credentials issued by AssumeRole on a customer's admin role.
/// Collection <c>sts_credentials</c>: id = the <c>STS.</c> AccessKeyId; index PartnerUid.
/// </summary>
public sealed class StsCredential
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    /// <summary>The customer whose role was assumed: calls signed with these credentials act as that customer.</summary>
    public string CustomerUid { get; set; } = "";
    public string Secret { get; set; } = "";
    public string SecurityToken { get; set; } = "";
    public string RoleArn { get; set; } = "";
    public string RoleSessionName { get; set; } = "";
    public string AssumedRoleId { get; set; } = "";
    public string? Policy { get; set; }
    public DateTime IssuedAt { get; set; }
    /// <summary>Virtual time the credentials stop working (<c>Expiration</c> on the wire).</summary>
    public DateTime ExpiresAt { get; set; }
}
