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

    /// <summary>
    /// [I] a write signed with a stopped customer's STS credentials (any product). Reads keep working,
    /// so a partner's console can still show the customer what it has.
    /// </summary>
    public static ApiException CustomerStoppedWrite(string customerUid, string action) =>
        new("Forbidden.UserStopped",
            $"The customer {customerUid} has been stopped by its reseller; {action} changes state and is refused until the customer is resumed. Read-only calls still work.", 403);

    /// <summary>
    /// [C code and status, ERRORS.md §3] the credit service's answer to a bad value. The documented message is
    /// "Missing the must parameter."; [I] the emulator names the parameter and the reason instead.
    /// </summary>
    public static ApiException ParameterError(string parameter, string why) =>
        new("ParameterError", $"The parameter {parameter} is invalid: {why}", 400);

    /// <summary>[C] CreateResellerUserQuota on a customer whose ledger already exists (help.aliyun.com 472961).</summary>
    public static ApiException RecordExists() => new("-303", "Record is exists already.", 400);

    /// <summary>[C] the gateway's answer when an idempotency key (here OutBizId) comes back with other content (ERRORS.md §2).</summary>
    public static ApiException IdempotentParameterMismatch(string outBizId) =>
        new("IdempotentParameterMismatch",
            $"Request uses a client token in a previous request but is not identical to that request. (OutBizId \"{outBizId}\")", 400);

    /// <summary>[C] reseller-only APIs called by a non-reseller; here a customer's STS credentials managing budgets.</summary>
    public static ApiException NotApplicable() => new("NotApplicable", "This API is not applicable for caller.", 400);

    /// <summary>[I] a decrease larger than what the customer has consumed: consumption never goes below zero.</summary>
    public static ApiException ConsumptionBelowZero(decimal consumed, decimal amount, string currency) =>
        ParameterError("Amount", $"decreasing the consumption by {Money.Format(amount)} {currency} would take it below zero (consumed: {Money.Format(consumed)} {currency}).");

    /// <summary>[I] a change against a ledger that was never created.</summary>
    public static ApiException NoQuota(string customerUid, string currency) =>
        new("CreditNotFound", $"No quota in {currency} exists for customer {customerUid}; create it with CreateResellerUserQuota.", 400);
}
