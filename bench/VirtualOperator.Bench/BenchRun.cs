namespace VirtualOperator.Bench;

/// <summary>
/// Every phase, in one run: start-up and idle memory, then throughput and latency of all three servers with
/// the same load generator, then memory after many writes and list latency as the store grows.
/// </summary>
public sealed class BenchRun(BenchPaths paths, BenchSettings settings, TextWriter log)
{
    public const string ReadCase = "read GetCustomerList (V3)";
    public const string ReadV1Case = "read GetCustomerList (V1 GET, HMAC-SHA1)";
    public const string WriteCase = "write ChangeResellerConsumeAmount (V3)";
    public const string OrderCase = "write CreateInstance (paid order, V3)";
    public const string CustomerCase = "write CreateAgAccount (V3)";
    internal static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);

    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    public async Task<BenchResults> RunAsync()
    {
        var results = new BenchResults { WriteCase = WriteCase, StartedAt = DateTimeOffset.UtcNow, LoadBefore = LoadAverage() };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (settings.Runs("startup")) results.Startup = await StartupAsync();
        if (settings.Runs("throughput")) await ThroughputAsync(results);
        if (settings.Runs("memory")) (results.Memory, results.Growth) = await new MemoryPhase(paths, settings, log, _tag).RunAsync();
        if (settings.Runs("lifecycle")) results.Lifecycle = await new LifecyclePhase(paths, settings, log, _tag).RunAsync();
        results.LoadAfter = LoadAverage();
        results.Elapsed = clock.Elapsed;
        return results;
    }

    /// <summary>Median of N: emulator and bare app started alternately, each measured to its first healthy answer,
    /// then left idle for a moment and its resident memory read.</summary>
    private async Task<StartupResult> StartupAsync()
    {
        List<double> emu = [], bare = [];
        List<long> emuRss = [], bareRss = [];
        for (var i = 0; i < settings.StartupRounds; i++)
        {
            foreach (var (name, dll, times, rss) in new[] { (Targets.Emulator, paths.EmulatorDll, emu, emuRss), (Targets.Baseline, paths.BareAppDll, bare, bareRss) })
            {
                await using var server = ServerProcess.Start(name, dll);
                times.Add(await server.WaitHealthyAsync(HealthTimeout));
                await Task.Delay(settings.IdleSettle);
                rss.Add(server.RssBytes());
                log.WriteLine($"start-up {name,-9} round {i + 1}: {times[^1],7:F0} ms, idle RSS {rss[^1] / 1048576.0:F1} MiB");
            }
        }
        return new StartupResult(emu, bare, emuRss, bareRss, BuildKind.Of(paths.EmulatorDll), BuildKind.Of(paths.BareAppDll));
    }

    private async Task ThroughputAsync(BenchResults results)
    {
        await using var emulator = ServerProcess.Start(Targets.Emulator, paths.EmulatorDll);
        await emulator.WaitHealthyAsync(HealthTimeout);

        // The read: a test-account partner at its limit of 20 customers. The write: quota changes on the 20
        // customers of another partner in turn, each with a fresh OutBizId.
        var reader = await EmulatorSetup.CreatePartnerAsync(emulator.BaseUri, testAccount: true);
        await EmulatorSetup.AddCustomersAsync(emulator.BaseUri, reader, 20, _tag + "r");
        var writer = await EmulatorSetup.CreatePartnerAsync(emulator.BaseUri, testAccount: true);
        var owners = await EmulatorSetup.CustomersWithQuotaAsync(emulator.BaseUri, writer, 20, _tag + "o");
        // The stateful writes: paid orders (one month of an EIP) on the quota customers of the writer, and new
        // customers of a partner that is no test account (no limit of 20).
        var creator = await EmulatorSetup.CreatePartnerAsync(emulator.BaseUri, testAccount: false);

        // The other two servers answer exactly the bytes the emulator answered.
        var dir = Directory.CreateTempSubdirectory("vo-bench-");
        try
        {
            var readBody = Path.Combine(dir.FullName, "read.json");
            var writeBody = Path.Combine(dir.FullName, "write.json");
            await File.WriteAllBytesAsync(readBody, await EmulatorSetup.CaptureAsync(EmulatorSetup.Signer(emulator.BaseUri, reader).V3("GetCustomerList")));
            await File.WriteAllBytesAsync(writeBody, await EmulatorSetup.CaptureAsync(
                EmulatorSetup.ChangeQuota(EmulatorSetup.Signer(emulator.BaseUri, writer), owners, _tag + "capture", 0)));
            var orderBody = Path.Combine(dir.FullName, "order.json");
            var customerBody = Path.Combine(dir.FullName, "customer.json");
            await File.WriteAllBytesAsync(orderBody, await EmulatorSetup.CaptureAsync(EmulatorSetup.BuyInstance(EmulatorSetup.Signer(emulator.BaseUri, writer), owners, 0)));
            await File.WriteAllBytesAsync(customerBody, await EmulatorSetup.CaptureAsync(EmulatorSetup.CreateCustomer(EmulatorSetup.Signer(emulator.BaseUri, creator), _tag + "capture", 0)));
            string[] bodies = ["--body", $"GetCustomerList={readBody}", "--body", $"ChangeResellerConsumeAmount={writeBody}",
                "--body", $"CreateInstance={orderBody}", "--body", $"CreateAgAccount={customerBody}"];
            await using var bare = ServerProcess.Start(Targets.Baseline, paths.BareAppDll, bodies);
            await using var wiremock = ServerProcess.Start(Targets.WireMock, paths.BenchDll, ["serve-wiremock", .. bodies]);
            await bare.WaitHealthyAsync(HealthTimeout);
            await wiremock.WaitHealthyAsync(HealthTimeout);
            // The emulator with --data, for the write case (below).
            await using var durable = settings.Servers.Contains("durable") && settings.Cases.Contains("write")
                ? ServerProcess.Start(Targets.Durable, paths.EmulatorDll, "--data", Path.Combine(dir.FullName, "state.db"))
                : null;
            (PartnerKeys Keys, IReadOnlyList<string> Owners)? durableWrites = durable is null ? null : await DurableWriterAsync(durable);

            var servers = new[] { bare, emulator, wiremock };
            foreach (var connections in settings.Connections)
            {
                var cases = new List<(string Case, Func<SignedRequests, long, HttpRequestMessage> Make, PartnerKeys Keys)>();
                if (settings.Cases.Contains("read")) cases.Add((ReadCase, (s, _) => s.V3("GetCustomerList"), reader));
                if (settings.Cases.Contains("write")) cases.Add((WriteCase, (s, n) => EmulatorSetup.ChangeQuota(s, owners, _tag + "w" + connections, n), writer));
                // The stateful writes are judged at 8 connections only, against the baseline (WireMock.Net has no state to keep).
                if (settings.Cases.Contains("order") && connections == settings.V1Connections) cases.Add((OrderCase, (s, n) => EmulatorSetup.BuyInstance(s, owners, n), writer));
                if (settings.Cases.Contains("customer") && connections == settings.V1Connections) cases.Add((CustomerCase, (s, n) => EmulatorSetup.CreateCustomer(s, _tag + "c" + connections, n), creator));
                if (settings.Cases.Contains("v1") && connections == settings.V1Connections) cases.Add((ReadV1Case, (s, _) => s.V1("GetCustomerList"), reader));
                foreach (var (name, make, keys) in cases)
                {
                    var targets = new List<(string Server, Func<long, HttpRequestMessage> Make)>();
                    foreach (var server in servers.Where(x => settings.Servers.Contains(x.Name == Targets.WireMock ? "wiremock" : x.Name)
                                 && !(x.Name == Targets.WireMock && name is OrderCase or CustomerCase)))
                    {
                        var signer = EmulatorSetup.Signer(server.BaseUri, keys);
                        targets.Add((server.Name, n => make(signer, n)));
                    }
                    // Writes with --data commit to a file before they are answered (the in-memory emulator keeps ledgers in
                    // memory only), so they are measured too, on their own emulator with the same setup, taking turns with the rest.
                    if (name == WriteCase && durable is not null && durableWrites is { } dw)
                    {
                        var signer = EmulatorSetup.Signer(durable.BaseUri, dw.Keys);
                        targets.Add((durable.Name, n => EmulatorSetup.ChangeQuota(signer, dw.Owners, _tag + "d" + connections, n)));
                    }
                    await TakeTurnsAsync(results, name, connections, targets);
                }
            }
        }
        finally { dir.Delete(recursive: true); }
    }

    /// <summary>One case at one connection count: every target measured in <see cref="BenchSettings.Rounds"/> rounds, taking
    /// turns, and recorded as its rounds together. Request numbers go on across rounds (a stateful write never repeats an
    /// OutBizId or an e-mail address, so no round is answered from an idempotency record).</summary>
    private async Task TakeTurnsAsync(BenchResults results, string name, int connections, IReadOnlyList<(string Server, Func<long, HttpRequestMessage> Make)> targets)
    {
        var windows = targets.ToDictionary(t => t.Server, _ => new List<LoadResult>());
        var rounds = Math.Max(1, settings.Rounds);
        for (var round = 0; round < rounds; round++)
            foreach (var (server, make) in targets)
            {
                var offset = round * 1_000_000_000L;
                windows[server].Add(await LoadGenerator.RunAsync(connections, round == 0 ? settings.Warmup : settings.RoundWarmup,
                    settings.Duration / rounds, Math.Max(1, settings.MaxRequests / rounds), n => make(offset + n), EmulatorSetup.CheckSuccess));
            }
        foreach (var (server, _) in targets) Record(results, name, connections, server, LoadResult.Merge(windows[server]));
    }

    private async Task<(PartnerKeys Keys, IReadOnlyList<string> Owners)?> DurableWriterAsync(ServerProcess durable)
    {
        await durable.WaitHealthyAsync(HealthTimeout);
        var keys = await EmulatorSetup.CreatePartnerAsync(durable.BaseUri, testAccount: true);
        return (keys, await EmulatorSetup.CustomersWithQuotaAsync(durable.BaseUri, keys, 20, _tag + "d"));
    }

    private void Record(BenchResults results, string name, int connections, string server, LoadResult r)
    {
        results.Throughput.Add(new ThroughputRow(name, connections, server, r));
        log.WriteLine($"{name,-42} c={connections,-3} {server,-15} {r.Rps,9:F0} req/s  p50 {r.P50Ms,6:F2} ms  p99 {r.P99Ms,6:F2} ms  errors {r.Errors}{(r.FirstError is null ? "" : " first: " + r.FirstError)}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
