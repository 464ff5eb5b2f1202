namespace VirtualOperator.Emulator.Partners;

/// <summary>A reseller (Virtual Operator partner) account: the unit of isolation and of authentication.</summary>
public sealed class Partner
{
    /// <summary>The partner's 16-digit account uid (the LiteDB id).</summary>
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string AccessKeyId { get; set; } = "";
    public string AccessKeySecret { get; set; } = "";
    public bool TestAccount { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Null when the partner is not a test account.</summary>
    public DateTime? ExpiresAt { get; set; }
    public string MessageQueue { get; set; } = "";

    public string Uid => Id;

    internal Partner Copy() => (Partner)MemberwiseClone();

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } e && now.UtcDateTime >= e;
}
