namespace VirtualOperator.Bench;

public static class Targets
{
    public const string Baseline = "baseline";
    public const string Emulator = "emulator";
    public const string WireMock = "WireMock.Net";
    /// <summary>The emulator with <c>--data</c>: every acknowledged write committed to a file first (write case only).</summary>
    public const string Durable = "emulator --data";
}

public sealed record ThroughputRow(string Case, int Connections, string Target, LoadResult Result);

public sealed record StartupResult(IReadOnlyList<double> EmulatorMs, IReadOnlyList<double> BareMs,
    IReadOnlyList<long> EmulatorIdleRss, IReadOnlyList<long> BareIdleRss, string EmulatorBuild, string BareBuild);

public sealed record MemoryResult(long IdleRss, long AfterQuotaRss, long AfterCustomersRss, long AfterOrdersRss, long Writes,
    LoadResult QuotaLoad, LoadResult CustomerLoad, LoadResult OrderLoad);

/// <param name="SmallAtSmallStore">GetCustomerList of a partner with N customers, N records stored in all.</param>
/// <param name="SmallAtLargeStore">The same list after the store grew to N + writes records (another partner's).</param>
/// <param name="LargeList">GetCustomerList of the partner holding every written record: the whole list in one answer.</param>
/// <param name="OrdersAtSmallStore">The first QueryOrders page (20) of a partner with N orders, N orders stored in all.</param>
/// <param name="OrdersAtLargeStore">The same page after another partner placed as many orders as there were writes.</param>
/// <param name="LargeOrdersPage">The first QueryOrders page (20) of the partner that placed them.</param>
public sealed record GrowthResult(int SmallCount, long LargeCount, LoadResult SmallAtSmallStore, LoadResult SmallAtLargeStore, LoadResult LargeList,
    LoadResult OrdersAtSmallStore, LoadResult OrdersAtLargeStore, LoadResult LargeOrdersPage)
{
    /// <summary>The first page of paid orders (QueryOrders PaymentStatus=Paid), of the small and of the large partner.</summary>
    public LoadResult? SmallPaidPage { get; init; }
    public LoadResult? LargePaidPage { get; init; }
    /// <summary>The first page of one customer's orders (OwnerId), of the small and of the large partner.</summary>
    public LoadResult? SmallCustomerPage { get; init; }
    public LoadResult? LargeCustomerPage { get; init; }
    public long SmallCustomerOrders { get; init; }
    public long LargeCustomerOrders { get; init; }
}

public sealed class BenchResults
{
    public required string WriteCase { get; init; }
    public List<ThroughputRow> Throughput { get; } = [];
    public StartupResult? Startup { get; set; }
    public MemoryResult? Memory { get; set; }
    public GrowthResult? Growth { get; set; }
    public LifecycleResult? Lifecycle { get; set; }
    public string LoadBefore { get; set; } = "";
    public string LoadAfter { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public TimeSpan Elapsed { get; set; }

    public LoadResult? Find(string @case, int connections, string target) =>
        Throughput.FirstOrDefault(r => r.Case == @case && r.Connections == connections && r.Target == target)?.Result;

    public static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToArray();
        if (s.Length == 0) return double.NaN;
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
