using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.ControlPlane;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Products.BssOpenApi.Budget;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>Services and control-plane routes of BssOpenApi sales (catalog, orders, lifecycle, bills).</summary>
public static class SalesServices
{
    public static IServiceCollection AddSales(this IServiceCollection services)
    {
        services.AddSingleton(sp => ProductCatalog.Load(ProductCatalog.DefaultPath(sp.GetRequiredService<IOptions<EmulatorOptions>>().Value.FixturesPath)));
        services.AddSingleton<SalesStore>();
        services.AddSingleton<SalesEvents>();
        services.AddSingleton<OrderDesk>();
        services.AddSingleton<IRenewalPricing, GenericRenewalPricing>();
        services.AddSingleton<SubscriptionLifecycle>();
        services.AddSingleton<IDueWork>(sp => sp.GetRequiredService<SubscriptionLifecycle>());
        return services;
    }

    /// <summary>
    /// <c>GET /_emulator/partners/{uid}/bill-subscriptions</c>: the bill subscriptions recorded by SubscribeBillToOSS;
    /// <c>POST /_emulator/partners/{uid}/sales/credit</c>: grants a customer credit (see <see cref="SeedCredit"/>).
    /// Sales events are in the partner's messages (<c>/_emulator/partners/{uid}/messages</c>).
    /// </summary>
    public static void MapSalesControlPlane(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/_emulator/partners/{uid}");
        api.MapPost("/sales/credit", SeedCredit);
        api.MapGet("/bill-subscriptions", (string uid, PartnerStore partners, SalesStore store) =>
            partners.Get(uid) is null ? NoPartner(uid) : Results.Ok(store.BillsOf(uid).Select(b => new
            {
                subscribeType = b.SubscribeType, subscribeBucket = b.SubscribeBucket, bucketPath = b.BucketPath, bucketOwnerId = b.BucketOwnerId,
                beginBillingCycle = b.BeginBillingCycle, multAccountRelSubscribe = b.MultAccountRelSubscribe, rowLimitPerFile = b.RowLimitPerFile,
                usingSsl = b.UsingSsl, customerUid = b.CustomerUid, subscribedAt = Iso.Format(b.SubscribedAt),
            })));
    }

    /// <summary>
    /// <c>POST /_emulator/partners/{uid}/sales/credit</c> body <c>{"customerUid","amount","currency"?}</c>: sets a customer's
    /// granted credit directly, so sales can be exercised without the budget API (CreateResellerUserQuota) in the loop.
    /// </summary>
    private static IResult SeedCredit(string uid, CreditBody body, PartnerStore partners, CustomerStore customers, CreditLedger ledger, VirtualClock clock)
    {
        if (partners.Get(uid) is null) return NoPartner(uid);
        if (body.CustomerUid is null || customers.GetForPartner(uid, body.CustomerUid) is null)
            return Results.Json(new { error = $"Partner {uid} has no customer {body.CustomerUid}." }, statusCode: 404);
        if (body.Amount is not { } amount || amount < 0) return Results.Json(new { error = "\"amount\" must be a number, zero or more." }, statusCode: 400);
        var credit = ledger.SetQuota(uid, body.CustomerUid, body.Currency ?? "CNY", amount, clock.NowFor(uid));
        return Results.Ok(new { customerUid = credit.CustomerUid, currency = credit.Currency, quota = credit.Quota, available = credit.Available });
    }

    public sealed record CreditBody(string? CustomerUid, decimal? Amount, string? Currency);

    private static IResult NoPartner(string uid) => Results.Json(new { error = $"No partner with uid {uid}." }, statusCode: 404);
}
