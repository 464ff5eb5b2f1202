using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.BssOpenApi;

/// <summary>Account API integration: the partner's customers.</summary>
internal static class AccountActions
{
    /// <summary>The uids of the partner's customers; with a customer's STS credentials, that customer alone.</summary>
    [Action(BssOpenApiServices.Product, BssOpenApiServices.Version, "GetCustomerList")]
    public static object GetCustomerList(ActionContext ctx)
    {
        var uids = ctx.Get<CustomerStore>().ListForPartner(ctx.PartnerUid)
            .Where(c => ctx.CustomerUid is null || c.Id == ctx.CustomerUid)
            .Select(c => c.Id).ToList();
        return BssResponse.Ok(ctx, new { UidList = uids });
    }
}
