namespace VirtualOperator.Bench;

/// <summary>How long and how much: the full run takes the published numbers; the smoke proves every phase still
/// runs end to end, in seconds, and checks no threshold.</summary>
public sealed record BenchSettings(
    bool Smoke, int[] Connections, int V1Connections, TimeSpan Warmup, TimeSpan Duration, long MaxRequests,
    int StartupRounds, TimeSpan IdleSettle, long MemoryWrites, int GrowthSmall, TimeSpan ListDuration, int LifecycleInstances)
{
    public static readonly BenchSettings Full = new(
        Smoke: false, Connections: [1, 8, 32], V1Connections: 8, Warmup: TimeSpan.FromSeconds(2), Duration: TimeSpan.FromSeconds(8),
        MaxRequests: 2_000_000, StartupRounds: 5, IdleSettle: TimeSpan.FromSeconds(2), MemoryWrites: 100_000, GrowthSmall: 100,
        ListDuration: TimeSpan.FromSeconds(3), LifecycleInstances: 1_000);

    /// <summary>Overrides for a focused look while developing: <c>--connections 8,32 --warmup 2 --duration 5
    /// --phases throughput,memory --cases read --servers emulator</c> (phases: startup, throughput, memory, lifecycle).</summary>
    public BenchSettings With(string[] args)
    {
        var s = this;
        string? Arg(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (Arg("--connections") is { } c) s = s with { Connections = c.Split(',').Select(x => int.Parse(x, inv)).ToArray() };
        if (Arg("--warmup") is { } w) s = s with { Warmup = TimeSpan.FromSeconds(double.Parse(w, inv)) };
        if (Arg("--duration") is { } d) s = s with { Duration = TimeSpan.FromSeconds(double.Parse(d, inv)) };
        if (Arg("--rounds") is { } r) s = s with { Rounds = int.Parse(r, inv) };
        if (Arg("--writes") is { } n) s = s with { MemoryWrites = long.Parse(n, inv) };
        if (Arg("--phases") is { } p) s = s with { Phases = p.Split(',') };
        if (Arg("--cases") is { } k) s = s with { Cases = k.Split(',') };
        if (Arg("--servers") is { } v) s = s with { Servers = v.Split(',') };
        return s;
    }

    public string[] Phases { get; init; } = ["startup", "throughput", "memory", "lifecycle"];

    /// <summary>
    /// Each throughput case's servers are measured in this many rounds, taking turns (baseline, emulator, WireMock.Net,
    /// baseline, ...), each round <see cref="Duration"/> / rounds long; a server's result is its rounds together. On a
    /// shared 2-core machine the load around one 8 s window moved a ratio by 10% and more; taking turns spreads it over
    /// every server alike. Only the first round warms up for <see cref="Warmup"/>; later ones for <see cref="RoundWarmup"/>
    /// (connections reopened, the JIT already done).
    /// </summary>
    public int Rounds { get; init; } = 3;

    public TimeSpan RoundWarmup => Warmup < TimeSpan.FromMilliseconds(500) ? Warmup : TimeSpan.FromMilliseconds(500);

    public bool Runs(string phase) => Phases.Contains(phase);

    /// <summary>Throughput cases to run: read, write (a quota change), order (CreateInstance), customer (CreateAgAccount), v1.</summary>
    public string[] Cases { get; init; } = ["read", "write", "order", "customer", "v1"];

    /// <summary>Servers to load: baseline, emulator, wiremock, durable (the emulator with --data; write case only).</summary>
    public string[] Servers { get; init; } = ["baseline", "emulator", "wiremock", "durable"];

    public static readonly BenchSettings SmokeRun = new(
        Smoke: true, Connections: [1, 8], V1Connections: 8, Warmup: TimeSpan.FromMilliseconds(200), Duration: TimeSpan.FromMilliseconds(400),
        MaxRequests: 5_000, StartupRounds: 1, IdleSettle: TimeSpan.FromMilliseconds(200), MemoryWrites: 1_000, GrowthSmall: 100,
        ListDuration: TimeSpan.FromMilliseconds(300), LifecycleInstances: 20) { Rounds = 2 };
}
