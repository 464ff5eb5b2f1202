using System.Globalization;
using VirtualOperator.Emulator.Api.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>
/// Bill exports to OSS: recorded per caller (the partner, or the customer acting through STS) and bill type,
/// shown by <c>GET /_emulator/partners/{uid}/bill-subscriptions</c>. No file is ever written to a bucket.
/// </summary>
internal static class BillActions
{
    private const string P = BssOpenApiServices.Product, V = BssOpenApiServices.Version;

    /// <summary>The bill types of the SubscribeBillToOSS reference; SubscribeType defaults to the first [I].</summary>
    private static readonly string[] Types =
    [
        "BillingItemDetailForBillingPeriod", "InstanceDetailForBillingPeriod", "BillingItemDetailMonthly", "InstanceDetailMonthly",
        "SplitItemDetailDaily", "MonthBill",
    ];

    /// <summary>Subscribing the same type again replaces the earlier subscription [I].</summary>
    [Action(P, V, "SubscribeBillToOSS")]
    public static object SubscribeBillToOSS(ActionContext ctx)
    {
        var req = SubscribeBillToOSSRequest.Of(ctx);
        var type = Wire.OneOf(ctx, "SubscribeType", Types[0], Types);
        var cycle = req.BeginBillingCycle;
        if (cycle is not null && !DateTime.TryParseExact(cycle, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw CommonErrors.InvalidParameter("BeginBillingCycle", "Expected a billing month such as 2024-05.");
        var rows = req.RowLimitPerFile;
        if (rows is < 1) throw CommonErrors.InvalidParameter("RowLimitPerFile", "It must be positive.");
        var ssl = req.UsingSsl;
        if (ssl is not (null or "true" or "false")) throw SalesErrors.InvalidValue("UsingSsl", ssl, ["true", "false"]);
        ctx.Get<SalesStore>().Upsert(new BillSubscription
        {
            Id = Key(ctx, type), PartnerUid = ctx.PartnerUid, CustomerUid = ctx.CustomerUid, SubscribeType = type,
            SubscribeBucket = req.SubscribeBucket, BucketPath = req.BucketPath,
            BucketOwnerId = req.BucketOwnerId, BeginBillingCycle = cycle,
            MultAccountRelSubscribe = req.MultAccountRelSubscribe, RowLimitPerFile = rows, UsingSsl = ssl == "true",
            SubscribedAt = ctx.Now.UtcDateTime,
        });
        return BssResponse.Success(ctx, new SubscribeBillToOSSResponse());
    }

    /// <summary>Unsubscribing a type that is not subscribed is refused with InvalidParameter [I].</summary>
    [Action(P, V, "UnsubscribeBillToOSS")]
    public static object UnsubscribeBillToOSS(ActionContext ctx)
    {
        var type = Wire.OneOf(ctx, "SubscribeType", null, Types);
        if (!ctx.Get<SalesStore>().DeleteBill(Key(ctx, type))) throw SalesErrors.BillNotSubscribed(type);
        return BssResponse.Success(ctx, new UnsubscribeBillToOSSResponse());
    }

    private static string Key(ActionContext ctx, string type) => $"{ctx.PartnerUid}:{ctx.CustomerUid ?? "-"}:{type}";
}
