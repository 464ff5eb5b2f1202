namespace VirtualOperator.Emulator.Products.BssOpenApi;

/// <summary>A customer (end user) account of a partner, created by CreateAgAccount.</summary>
public sealed class Customer
{
    /// <summary>The customer's 16-digit uid (<c>Pk</c> on the wire).</summary>
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string LoginEmail { get; set; } = "";
    /// <summary>The RAM role in the customer's account that the partner assumes (STS AssumeRole).</summary>
    public string RamAdminRoleName { get; set; } = "";
    /// <summary><c>Type</c> of the AgRelationDto: the reseller relation (inferred value "ag").</summary>
    public string RelationType { get; set; } = "ag";
    public string AccountAttr { get; set; } = "";
    public string? EnterpriseName { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? NationCode { get; set; }
    public string? ProvinceName { get; set; }
    public string? CityName { get; set; }
    public string? Postcode { get; set; }
    public bool IsCertified { get; set; }
    public DateTime CreatedAt { get; set; }

    internal Customer Copy() => (Customer)MemberwiseClone();
}
