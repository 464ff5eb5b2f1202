namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// The credit a partner grants one customer in one currency. Available = Quota − Consumed, exact decimals
/// (never floating point). Changed only through <see cref="CreditLedger"/>, under the customer's lock.
/// </summary>
public sealed class CustomerCredit
{
    /// <summary><c>{customerUid}:{currency}</c>.</summary>
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string Currency { get; set; } = "CNY";
    public decimal Quota { get; set; }
    public decimal Consumed { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public decimal Available => Quota - Consumed;

    public static string KeyOf(string customerUid, string currency) => $"{customerUid}:{currency}";
}

/// <summary>A customer's purchase status as the partner sets it (SetResellerUserStatus): stopped customers can't buy.</summary>
public sealed class CustomerStatus
{
    /// <summary>The customer uid.</summary>
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public bool Stopped { get; set; }
    public string Status { get; set; } = "Normal";
    public DateTime UpdatedAt { get; set; }
}
