using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.BssOpenApi;

/// <summary>Errors of the account API. Codes marked inferred have no public source (see README fidelity notes).</summary>
public static class AccountErrors
{
    /// <summary>[C] CancelOrder table: a customer uid that is not the caller's.</summary>
    public static ApiException InvalidOwner() => new("InvalidOwner", "The specified owner doesn't belong to caller.", 400);

    /// <summary>[C] every BSS reseller API table: a caller that is not a reseller (here: a customer's STS session).</summary>
    public static ApiException NotApplicable() => new("NotApplicable", "This API is not applicable for caller.", 400);

    /// <summary>[I] no source names the code for a malformed login e-mail.</summary>
    public static ApiException InvalidLoginEmail(string email) =>
        new("InvalidParameter.LoginEmail", $"The specified parameter \"LoginEmail\" is not valid: \"{email}\" is not an e-mail address.", 400);

    /// <summary>[I] no source names the code for a login e-mail already in use.</summary>
    public static ApiException LoginEmailExists(string email) =>
        new("LoginEmail.AlreadyExists", $"The login e-mail \"{email}\" is already used by another account.", 400);

    /// <summary>[I] the integration overview states the limit (20 customers per test account) but no error code.</summary>
    public static ApiException CustomerLimitExceeded(int limit) =>
        new("CustomerLimitExceeded", $"A test partner account can hold at most {limit} customer accounts; this one holds {limit} already.", 400);
}
