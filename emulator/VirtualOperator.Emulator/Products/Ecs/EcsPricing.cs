namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// ECS prices from the inventory (all [I]: illustrative, not list prices). One place for every quote, so DescribePrice
/// answers exactly what RunInstances, RenewInstance, ModifyPrepayInstanceSpec and ModifyInstanceNetworkSpec charge.
/// <list type="bullet">
/// <item>Monthly: instance type + PayByBandwidth Mbps × monthlyPerMbps + system disk GiB × monthlyPerGiB; a Week is
/// weekFractionOfMonth of a month, a Year charges yearMonthsCharged months (the rest is the discount).</item>
/// <item>Hourly (PostPaid): the same with the hourly prices, the total rounded up to the cent.</item>
/// <item>A change of a subscription costs the monthly difference × remaining days / 30, rounded to the cent; a cheaper
/// configuration costs nothing and refunds nothing.</item>
/// </list>
/// PayByTraffic bandwidth costs nothing here (traffic is not emulated).
/// </summary>
public sealed class EcsPricing(EcsInventory inventory)
{
    public string Currency => inventory.Currency;

    public sealed record Config(EcsInstanceType Type, string InternetChargeType, int BandwidthOut, int SystemDiskSize);

    public sealed record Part(string Resource, decimal Original, decimal Trade);

    public sealed record Quote(string Currency, decimal OriginalPrice, decimal TradePrice, IReadOnlyList<Part> Parts)
    {
        public decimal DiscountPrice => OriginalPrice - TradePrice;
        public Quote Times(int n) => new(Currency, OriginalPrice * n, TradePrice * n, Parts.Select(p => p with { Original = p.Original * n, Trade = p.Trade * n }).ToList());
    }

    private decimal PaidBandwidth(Config c) => c.InternetChargeType == "PayByBandwidth" ? c.BandwidthOut : 0;

    public decimal Monthly(Config c) => MonthlyParts(c).Sum(p => p.Item2);

    private IEnumerable<(string, decimal)> MonthlyParts(Config c) =>
    [
        ("instanceType", c.Type.MonthlyPrice),
        ("bandwidth", PaidBandwidth(c) * inventory.Bandwidth.MonthlyPerMbps),
        ("systemDisk", c.SystemDiskSize * inventory.SystemDisk.MonthlyPerGiB),
    ];

    public decimal Hourly(Config c) =>
        Math.Ceiling((c.Type.HourlyPrice + PaidBandwidth(c) * inventory.Bandwidth.HourlyPerMbps + c.SystemDiskSize * inventory.SystemDisk.HourlyPerGiB) * 100m) / 100m;

    /// <summary>A subscription of <paramref name="period"/> <paramref name="unit"/> (Week, Month or Year).</summary>
    public Quote Subscription(Config c, int period, string unit)
    {
        var parts = MonthlyParts(c).Select(p =>
        {
            var (original, trade) = unit switch
            {
                "Week" => (Cents(p.Item2 * inventory.WeekFractionOfMonth * period), Cents(p.Item2 * inventory.WeekFractionOfMonth * period)),
                "Year" => (p.Item2 * 12 * period, p.Item2 * inventory.YearMonthsCharged * period),
                _ => (p.Item2 * period, p.Item2 * period),
            };
            return new Part(p.Item1, original, trade);
        }).ToList();
        return new Quote(Currency, parts.Sum(p => p.Original), parts.Sum(p => p.Trade), parts);
    }

    /// <summary>One hour of a PostPaid instance.</summary>
    public Quote Hour(Config c)
    {
        var h = Hourly(c);
        return new Quote(Currency, h, h, [new Part("instanceType", h, h)]);
    }

    /// <summary>From <paramref name="from"/> to <paramref name="to"/> for the <paramref name="remainingDays"/> left of the term.</summary>
    public Quote Change(Config from, Config to, int remainingDays)
    {
        var diff = Monthly(to) - Monthly(from);
        var amount = diff <= 0 ? 0m : Cents(diff * remainingDays / 30m);
        return new Quote(Currency, amount, amount, [new Part("instanceType", amount, amount)]);
    }

    public static int RemainingDays(DateTime end, DateTime now) => Math.Max(0, (int)Math.Ceiling((end - now).TotalDays));

    private static decimal Cents(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);
}
