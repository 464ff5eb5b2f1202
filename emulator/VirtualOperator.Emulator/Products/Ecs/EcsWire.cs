using System.Globalization;
using System.Text.Json;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// Wire conventions shared by the ECS handlers: who acts, id lists, times, numbers, the order step. Each handler reads its
/// parameters through its generated <c>Api.Ecs.&lt;Action&gt;Request</c> and answers a generated <c>&lt;Action&gt;Response</c>.
/// </summary>
public static class EcsWire
{
    public const string Product = "Ecs", Version = "2014-05-26", ProductCode = "ecs";

    /// <summary>ECS times: UTC to the minute, <c>2017-12-10T04:04Z</c>.</summary>
    public static string Time(DateTime t) => Wire.Utc(t).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    // Who acts is the shared CustomerScope: OwnerId or the STS customer. [I] a partner's own keys without OwnerId
    // see no ECS resources (the partner holds none of its own), and changes need one (EcsErrors.OwnerRequired).

    /// <summary><c>InstanceIds</c> (parameter <paramref name="name"/>, value <paramref name="raw"/>) as the SDKs send it: a JSON array of strings.</summary>
    public static IReadOnlyList<string> IdList(string? raw, string name, int max = 100)
    {
        if (raw is null) return [];
        List<string>? ids;
        try { ids = JsonSerializer.Deserialize<List<string>>(raw); }
        catch (JsonException) { throw CommonErrors.InvalidParameter(name, "It must be a JSON array of strings, such as [\"i-bp1...\"]."); }
        if (ids is null || ids.Count > max) throw CommonErrors.InvalidParameter(name, $"At most {max} ids.");
        return ids.Distinct().ToList();
    }

    /// <summary>The region named by the request's RegionId (read through its generated request); else InvalidRegionId.NotFound.</summary>
    public static EcsRegion Region(ActionContext ctx, string regionId) =>
        ctx.Get<EcsInventory>().Region(regionId) ?? throw EcsErrors.RegionNotFound();

    /// <summary>One instance of <paramref name="customer"/>, not released; else InvalidInstanceId.NotFound.</summary>
    public static EcsInstance OwnInstance(ActionContext ctx, string id, string customer)
    {
        var i = ctx.Get<EcsStore>().Instance(id);
        if (i is null || i.PartnerUid != ctx.PartnerUid || i.CustomerUid != customer) throw EcsErrors.InstanceNotFound(id);
        if (ctx.Get<SalesStore>().Instance(id) is not { IsReleased: false }) throw EcsErrors.InstanceNotFound(id);
        return i;
    }

    /// <summary>
    /// Places an ECS order through the shared <see cref="OrderDesk"/> (idempotent by ClientToken, charged from the customer's
    /// credit, the order and its effects one step under the customer's lock). A charge the credit does not cover answers
    /// ECS's InvalidAccountStatus.NotEnoughBalance; a customer stopped by its reseller, Account.Arrearage [I].
    /// </summary>
    public static Order Place(ActionContext ctx, string customer, Func<OrderPlan> plan)
    {
        try
        {
            return ctx.Get<OrderDesk>().Place(ctx.PartnerUid, customer, Wire.ClientToken(ctx), Wire.Digest(ctx), ctx.Now, plan);
        }
        catch (ApiException e) when (e.Code == "InsufficientQuota") { throw EcsErrors.NotEnoughBalance(); }
        catch (ApiException e) when (e.Code == "Forbidden.UserStopped") { throw EcsErrors.AccountArrearage(); }
    }

    /// <summary>An ECS order (QueryOrders / GetOrderDetail show it with ProductCode <c>ecs</c>).</summary>
    public static Order NewOrder(ActionContext ctx, EcsInstance i, string subscriptionType, string orderType, EcsPricing.Quote quote, int quantity = 1,
        string? originalConfig = null) => new()
    {
        InstanceId = i.Id, ProductCode = ProductCode, ProductType = "", SubscriptionType = subscriptionType, OrderType = orderType,
        Region = i.RegionId, Config = ConfigText(i), OriginalConfig = originalConfig, Currency = quote.Currency,
        GrossAmount = quote.OriginalPrice, Amount = quote.TradePrice, Quantity = quantity, Operator = ctx.CustomerUid ?? ctx.PartnerUid,
        Modules = ConfigOf(i).Select(c => new OrderModule { Code = c.Key, Name = c.Key, Value = c.Value }).ToList(),
    };

    /// <summary>The billed configuration, as the sales record and orders keep it.</summary>
    public static Dictionary<string, string> ConfigOf(EcsInstance i) => new(StringComparer.Ordinal)
    {
        ["InstanceType"] = i.InstanceType,
        ["InternetChargeType"] = i.InternetChargeType,
        ["InternetMaxBandwidthOut"] = i.InternetMaxBandwidthOut.ToString(CultureInfo.InvariantCulture),
        ["SystemDisk.Size"] = i.SystemDiskSize.ToString(CultureInfo.InvariantCulture),
        ["ZoneId"] = i.ZoneId,
    };

    public static string ConfigText(EcsInstance i) => string.Join(",", ConfigOf(i).Select(c => c.Key + ":" + c.Value));

    public static EcsPricing.Config PricingConfig(EcsInventory inventory, EcsInstance i) =>
        new(inventory.InstanceType(i.InstanceType)!, i.InternetChargeType, i.InternetMaxBandwidthOut, i.SystemDiskSize);

    /// <summary>
    /// An amount as an ECS answer's number: trailing zeros dropped, so <c>385.00</c> (a decimal's scale) is written
    /// <c>385</c> as it was when these answers were doubles (snapshots and SDK parsers compare the text/value alike).
    /// </summary>
    public static decimal Number(decimal amount) =>
        decimal.Parse(amount.ToString("0.############################", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
