namespace VirtualOperator.Emulator.Products.BssOpenApi;

/// <summary>A customer (end user) account of a partner, created by CreateAgAccount.</summary>
public sealed class Customer
{
    /// <summary>The customer's 16-digit uid (<c>Pk</c> on the wire).</summary>
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string LoginEmail { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
