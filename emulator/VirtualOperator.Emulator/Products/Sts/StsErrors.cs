using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Sts;

/// <summary>
/// AssumeRole errors. Codes and messages [C] from the STS troubleshooting page (help doc 42775: "common errors
/// when you access OSS by using STS"); HTTP statuses are [I] (400 for parameter errors, 403 for permission, 404 for
/// a missing entity, as the gateway does elsewhere).
/// </summary>
public static class StsErrors
{
    /// <summary>[I] code and message: the troubleshooting page lists no RoleArn format error; this follows its pattern.</summary>
    public static ApiException RoleArnMalformed() =>
        new("InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.", 400);

    public static ApiException RoleSessionNameMalformed() =>
        new("InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed.", 400);

    public static ApiException DurationOutOfRange() =>
        new("InvalidParameter.DurationSeconds", "The Min/Max value of DurationSeconds is 15min/1hr.", 400);

    public static ApiException PolicyGrammar() =>
        new("InvalidParameter.PolicyGrammar", "The parameter Policy has not passed grammar check.", 400);

    /// <summary>The role's account is not a customer of the caller, so the role does not trust the caller.</summary>
    public static ApiException NoPermission() =>
        new("NoPermission", "No permission perform sts:AssumeRole on this Role. Maybe the role is not trusted by you, or the role does not exist.", 403);

    /// <summary>[I] code: the caller's own customer, but no role of that name (the customer has only its admin role).</summary>
    public static ApiException RoleNotExist(string arn) =>
        new("EntityNotExist.Role", $"The role not exists: {arn}.", 404);
}
