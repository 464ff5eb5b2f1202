using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Aas;

/// <summary>Aas 2015-07-01: the identity-verification URL a partner sends its end customer to.</summary>
internal static class AasActions
{
    [Action(AasServices.Product, AasServices.Version, "GenerateAliyunBidCertWaysUrl")]
    public static object GenerateAliyunBidCertWaysUrl(ActionContext ctx)
    {
        var customer = ctx.Get<CustomerScope>().RequiredCustomer(ctx, "AliyunPk");
        var v = ctx.Get<IdentityVerifications>().Start(customer, ctx.Params.String("BidType"),
            IdentityCustomers.SubjectType(ctx.Params.String("SubjectType")), ctx.Now);
        var url = $"{PublicBase(ctx)}/aas/cert?ticket={v.Ticket}";
        return new { Code = "200", Data = url, HttpCode = "200", Message = "success", RequestId = ctx.RequestId, Success = true };
    }

    /// <summary>
    /// The emulator's own origin, as the calling client reached it, so the URL opens in the tester's browser;
    /// <c>Emulator:Identity:PublicBaseUrl</c> overrides it (behind a proxy, or when the SDK was pointed at a real host name).
    /// </summary>
    private static string PublicBase(ActionContext ctx)
    {
        var configured = ctx.Get<IOptions<IdentityOptions>>().Value.PublicBaseUrl;
        if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
        var req = ctx.Get<IHttpContextAccessor>().HttpContext?.Request;
        return req is null || req.Host.Host.EndsWith(".aliyuncs.com", StringComparison.OrdinalIgnoreCase)
            ? Hosting.EmulatorOptions.DefaultUrl
            : $"{req.Scheme}://{req.Host}";
    }
}

/// <summary>Identity-call conventions shared by Aas and Crm (which customer: <see cref="CustomerScope.RequiredCustomer"/>).</summary>
public static class IdentityCustomers
{
    /// <summary>[I] SubjectType values are not documented: anything naming an enterprise is one, else an individual.</summary>
    public static string? SubjectType(string? value) =>
        value is null ? null : value.Contains("enterprise", StringComparison.OrdinalIgnoreCase) || value.Contains("company", StringComparison.OrdinalIgnoreCase) ? "Enterprise" : "Individual";
}

public sealed class IdentityOptions
{
    public const string Section = "Emulator:Identity";
    public string? PublicBaseUrl { get; set; }
}
