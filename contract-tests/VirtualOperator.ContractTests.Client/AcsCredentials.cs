namespace VirtualOperator.ContractTests.Client;

/// <summary>An AccessKey pair, with the STS security token when the key is temporary (<c>STS.</c> ids).</summary>
public sealed record AcsCredentials(string AccessKeyId, string AccessKeySecret, string? SecurityToken = null)
{
    /// <summary>Never prints the secret or the token.</summary>
    public override string ToString() => $"AcsCredentials {{ AccessKeyId = {AccessKeyId}{(SecurityToken is null ? "" : ", with security token")} }}";
}
