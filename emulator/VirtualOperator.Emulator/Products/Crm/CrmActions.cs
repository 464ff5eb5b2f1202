using System.Text.Json;
using VirtualOperator.Emulator.Products.Aas;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Crm;

/// <summary>
/// Crm 2015-04-08: a partner's view of its customers' identity verification. <c>Result</c> is a string in the SDK
/// models and its content is undocumented. [I] Query answers JSON text; Remove answers "true".
/// </summary>
internal static class CrmActions
{
    public const string Product = "Crm";
    public const string Version = "2015-04-08";

    /// <summary>[I] Result: <c>{"PK","IsCertified","Status":"NotStarted|Pending|Certified|Rejected","SubjectType","BidType"}</c>.</summary>
    [Action(Product, Version, "QueryBidUserCertifiedInfo")]
    public static object QueryBidUserCertifiedInfo(ActionContext ctx)
    {
        var c = ctx.Get<CustomerScope>().RequiredCustomer(ctx, "PK");
        var v = ctx.Get<IdentityVerifications>().Get(c);
        var result = JsonSerializer.Serialize(new
        {
            PK = c.Id,
            IsCertified = v.Status == VerificationStatus.Certified,
            Status = v.Status.ToString(),
            SubjectType = v.Status == VerificationStatus.Certified ? v.SubjectType : null,
            BidType = ctx.Params.String("BidType") ?? v.BidType,
        });
        return new { RequestId = ctx.RequestId, Result = result };
    }

    [Action(Product, Version, "RemoveIdentityCertifiedForBidUser")]
    public static object RemoveIdentityCertifiedForBidUser(ActionContext ctx)
    {
        var c = ctx.Get<CustomerScope>().RequiredCustomer(ctx, "PK");
        if (!ctx.Get<IdentityVerifications>().Remove(c, ctx.Now)) throw NotCertified(c.Id);
        return new { RequestId = ctx.RequestId, Result = "true" };
    }

    /// <summary>[I] no source names the error for removing a verification that does not exist.</summary>
    private static ApiException NotCertified(string uid) =>
        new("IdentityNotCertified", $"The user {uid} has no identity certification to remove.", 400);
}
