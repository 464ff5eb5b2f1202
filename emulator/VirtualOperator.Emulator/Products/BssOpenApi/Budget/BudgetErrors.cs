using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>Errors of reseller budget management. [C] = ERRORS.md names it; [I] = inferred, listed in the README.</summary>
public static class BudgetErrors
{
    /// <summary>[I] no specific code is documented for a purchase the quota does not cover (ERRORS.md §3).</summary>
    public static ApiException InsufficientQuota(decimal needed, decimal available, string currency) =>
        new("InsufficientQuota",
            $"The customer's available quota ({available} {currency}) does not cover this purchase ({needed} {currency}).", 400);

    /// <summary>[I] a customer stopped with SetResellerUserStatus.</summary>
    public static ApiException CustomerStopped(string customerUid) =>
        new("Forbidden.UserStopped", $"The customer {customerUid} has been stopped by its reseller; purchases are refused until it is resumed.", 403);

    /// <summary>[I] a change against a ledger that was never created.</summary>
    public static ApiException NoQuota(string customerUid, string currency) =>
        new("CreditNotFound", $"No quota in {currency} exists for customer {customerUid}; create it with CreateResellerUserQuota.", 400);
}
