namespace VirtualOperator.Emulator.Products.Federation;

/// <summary>A single-use SigninToken from GetSigninToken. Collection <c>signin_tokens</c>: id = the token; index PartnerUid.</summary>
public sealed class SigninToken
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string StsAccessKeyId { get; set; } = "";
    public string TicketType { get; set; } = "mini";
    public DateTime IssuedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}

/// <summary>A console session opened by Login. Collection <c>console_sessions</c>: id = the session cookie value; index PartnerUid.</summary>
public sealed class ConsoleSession
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    /// <summary>Where the browser goes when this session has expired (Login's <c>LoginUrl</c>).</summary>
    public string LoginUrl { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    public bool IsExpiredAt(DateTimeOffset now) => now.UtcDateTime >= ExpiresAt;
}
