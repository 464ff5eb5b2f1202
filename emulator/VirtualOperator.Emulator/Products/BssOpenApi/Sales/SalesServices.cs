using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.ControlPlane;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Partners;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>Services and control-plane routes of BssOpenApi sales (catalog, orders, lifecycle, bills).</summary>
public static class SalesServices
{
    public static IServiceCollection AddSales(this IServiceCollection services)
    {
        services.AddSingleton(sp => ProductCatalog.Load(ProductCatalog.DefaultPath(sp.GetRequiredService<IOptions<EmulatorOptions>>().Value.FixturesPath)));
        services.AddSingleton<SalesStore>();
        services.AddSingleton<Storage.IStateReset>(sp => sp.GetRequiredService<SalesStore>());
        // Orders and instances live in memory (LiteDB holds them only with --data): repro bundles read and restore them there.
        services.AddSingleton<Storage.IPartnerMemoryState>(sp => sp.GetRequiredService<SalesStore>().OrderTable);
        services.AddSingleton<Storage.IPartnerMemoryState>(sp => sp.GetRequiredService<SalesStore>().InstanceTable);
        services.AddSingleton<Resources.IResourceDirectory, SalesResourceDirectory>();
        services.AddSingleton<SalesEvents>();
        services.AddSingleton<OrderDesk>();
        services.AddSingleton<IRenewalPricing, GenericRenewalPricing>();
        services.AddSingleton<SubscriptionLifecycle>();
        services.AddSingleton<IDueWork>(sp => sp.GetRequiredService<SubscriptionLifecycle>());
        return services;
    }

    /// <summary>
    /// <c>GET /_emulator/partners/{uid}/bill-subscriptions</c>: the bill subscriptions recorded by SubscribeBillToOSS.
    /// Sales events are in the partner's messages (<c>/_emulator/partners/{uid}/messages</c>).
    /// </summary>
    public static void MapSalesControlPlane(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/_emulator/partners/{uid}");
        api.MapGet("/bill-subscriptions", (string uid, PartnerStore partners, SalesStore store) =>
            partners.Get(uid) is null ? NoPartner(uid) : Results.Ok(store.BillsOf(uid).Select(b => new BillSubscriptionView(
                b.SubscribeType, b.SubscribeBucket, b.BucketPath, b.BucketOwnerId, b.BeginBillingCycle, b.MultAccountRelSubscribe, b.RowLimitPerFile,
                b.UsingSsl, b.CustomerUid, Iso.Format(b.SubscribedAt))).ToList()))
            .Produces<List<BillSubscriptionView>>();
    }

    private static IResult NoPartner(string uid) => Results.Json(new { error = $"No partner with uid {uid}." }, statusCode: 404);
}

/// <summary>A bill subscription recorded by SubscribeBillToOSS, as the control plane lists it.</summary>
public sealed record BillSubscriptionView(
    string SubscribeType, string SubscribeBucket, string? BucketPath, long? BucketOwnerId, string? BeginBillingCycle, string? MultAccountRelSubscribe,
    int? RowLimitPerFile, bool UsingSsl, string? CustomerUid, string SubscribedAt);
