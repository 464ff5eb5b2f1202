namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// The credit a partner grants one customer in one currency. Available = Quota − Consumed, exact decimals
/// (never floating point). Changed only through <see cref="CreditLedger"/>, under the customer's lock, as a
/// <see cref="Copy"/> that replaces the one readers hold.
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

    /// <summary>A new object to change: the ledger never changes one that readers may hold.</summary>
    public CustomerCredit Copy() => (CustomerCredit)MemberwiseClone();
}

/// <summary>A customer's purchase status as the partner sets it (SetResellerUserStatus): stopped customers can't buy.</summary>
public sealed class CustomerStatus
{
    /// <summary>The customer uid.</summary>
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public bool Stopped { get; set; }
    public string Status { get; set; } = "Normal";
    /// <summary>StopMode of the last Freeze: "0" normal, "1" immediate (recorded; [I] no effect on the emulator's instances yet).</summary>
    public string? StopMode { get; set; }
    /// <summary>TRUSTEESHIP business: the partner hosts the customer's account; reseller customers start hosted [I].</summary>
    public bool Hosted { get; set; } = true;
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The four (BusinessType, Status) pairs SetResellerUserStatus accepts.</summary>
public enum CustomerStatusChange { Freeze, Thaw, Trusteeship, TrusteeshipCancel }
