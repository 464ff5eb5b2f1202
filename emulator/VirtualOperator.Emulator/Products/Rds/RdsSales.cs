using System.Globalization;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// The money side of RDS on the shared sales machinery: prices from the inventory, the orders (ProductCode <c>rds</c>,
/// visible in BSS QueryOrders), and the <see cref="SalesInstance"/> that carries an instance's term through
/// <see cref="SubscriptionLifecycle"/> (expiring notice, automatic renewal, expiry, release).
/// Price rules [I]: a month costs class + storage GB × per-GB price; a whole number of years costs
/// <see cref="RdsInventory.YearMonths"/> months a year; Postpaid costs the hourly price, charged by the shared meter.
/// </summary>
public sealed class RdsSales(RdsInventory inventory)
{
    public const string Kind = "Rds";
    public const string ProductCode = "rds";
    public const string ProductType = "rds";

    public string Currency => inventory.Currency;

    public decimal Monthly(string classCode, string storageType, int storage) =>
        (inventory.Class(classCode)?.Class.Monthly ?? 0m) + storage * (inventory.StorageTypes.TryGetValue(storageType, out var s) ? s.MonthlyPerGb : 0m);

    /// <summary>The hourly price of a Postpaid instance, to the cent (the shared meter charges whole hours at it).</summary>
    public decimal Hourly(string classCode, string storageType, int storage) => Pricing.Cents(
        (inventory.Class(classCode)?.Class.Hourly ?? 0m) + storage * (inventory.StorageTypes.TryGetValue(storageType, out var s) ? s.HourlyPerGb : 0m));

    /// <summary>A subscription of <paramref name="months"/>: whole years at the yearly price.</summary>
    public Quote Subscription(string classCode, string storageType, int storage, int months)
    {
        var billed = months % 12 == 0 ? months / 12 * inventory.YearMonths : months;
        var cls = inventory.Class(classCode)?.Class.Monthly ?? 0m;
        var gb = storage * (inventory.StorageTypes.TryGetValue(storageType, out var s) ? s.MonthlyPerGb : 0m);
        return Quote.Of(Currency,
        [
            Module("DBInstanceClass", cls, cls * billed),
            Module("DBInstanceStorage", gb, gb * billed),
        ]);
    }

    /// <summary>A change of a subscription: the monthly difference for the whole days left, when it costs more; else nothing [I].</summary>
    public Quote Change(decimal monthlyBefore, decimal monthlyAfter, int remainingDays)
    {
        var diff = monthlyAfter - monthlyBefore;
        var cost = diff > 0 ? diff * remainingDays / Pricing.DaysPerMonth : 0m;
        return Quote.Of(Currency, [Module("DBInstanceClass", diff > 0 ? diff : 0m, cost)]);
    }

    public Quote Free() => Quote.Free(Currency);

    private static ModuleQuote Module(string code, decimal unit, decimal cost)
    {
        var c = Pricing.Cents(cost);
        return new ModuleQuote(code, unit, c, c);
    }

    /// <summary>The configuration an order and the sales record carry (and automatic renewals price).</summary>
    public static Dictionary<string, string> Config(RdsInstance i) => new(StringComparer.Ordinal)
    {
        ["Engine"] = i.Engine, ["EngineVersion"] = i.EngineVersion, ["Category"] = i.Category,
        ["DBInstanceClass"] = i.DBInstanceClass, ["DBInstanceStorage"] = i.Storage.ToString(CultureInfo.InvariantCulture),
        ["DBInstanceStorageType"] = i.StorageType,
    };

    public Order Order(SalesInstance sales, string orderType, Quote quote, string by, IReadOnlyDictionary<string, string>? original = null) => new()
    {
        InstanceId = sales.Id, ProductCode = ProductCode, ProductType = ProductType, SubscriptionType = sales.SubscriptionType,
        OrderType = orderType, Region = sales.Region, Config = Pricing.FormatConfig(sales.Config, sales.Region),
        OriginalConfig = original is null ? null : Pricing.FormatConfig(original, sales.Region),
        Currency = quote.Currency, GrossAmount = quote.OriginalPrice, Amount = quote.TradePrice, Operator = by,
        Modules = sales.Config.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new OrderModule
        {
            Code = c.Key, Name = c.Key, Value = c.Value, OriginalValue = original?.GetValueOrDefault(c.Key),
        }).ToList(),
    };

    /// <summary>The sales record of a new instance: a term of <paramref name="months"/> for Prepaid, none for Postpaid.</summary>
    public SalesInstance Record(RdsInstance i, int months, bool autoRenew, bool yearly, DateTime now) => new()
    {
        Id = i.Id, PartnerUid = i.PartnerUid, CustomerUid = i.CustomerUid, Kind = Kind, ProductCode = ProductCode, ProductType = ProductType,
        SubscriptionType = i.PayType == RdsPayTypes.Prepaid ? SubscriptionTypes.Subscription : SubscriptionTypes.PayAsYouGo,
        Region = i.RegionId, Config = Config(i), Currency = Currency, CreateTime = now,
        EndTime = i.PayType == RdsPayTypes.Prepaid ? now.AddMonths(months) : null,
        RenewStatus = autoRenew ? RenewStatuses.Auto : RenewStatuses.Manual,
        // [C] "The auto-renewal cycle is one month for a monthly subscription, one year for a yearly subscription."
        RenewalDuration = 1, RenewalDurationUnit = yearly ? "Y" : "M",
    };
}
