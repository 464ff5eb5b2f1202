using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace VirtualOperator.Bench;

/// <summary>A year's clock advance over many auto-renewing monthly instances: every renewal (a paid order, a charge, a
/// message), expiry notice and step applied in time order, timed from the advance's request to its answer.</summary>
/// <param name="Instances">Auto-renewing one-month instances placed before the advance.</param>
/// <param name="Renewals">Renewal orders the advance placed (QueryOrders OrderType=Renew, counted after it).</param>
public sealed record LifecycleResult(int Instances, int Renewals, double AdvanceMs);

public sealed class LifecyclePhase(BenchPaths paths, BenchSettings settings, TextWriter log, string tag)
{
    public async Task<LifecycleResult> RunAsync()
    {
        await using var emulator = ServerProcess.Start(Targets.Emulator, paths.EmulatorDll);
        await emulator.WaitHealthyAsync(BenchRun.HealthTimeout);
        // Not a test account: one expires a month after its creation and would refuse every call after a year's advance.
        var partner = await EmulatorSetup.CreatePartnerAsync(emulator.BaseUri, testAccount: false);
        var owners = await EmulatorSetup.CustomersWithQuotaAsync(emulator.BaseUri, partner, 20, tag + "y");
        var signer = EmulatorSetup.Signer(emulator.BaseUri, partner);
        await EmulatorSetup.RunAllAsync(settings.LifecycleInstances, n => EmulatorSetup.BuyInstance(signer, owners, n, autoRenew: true));

        using var http = new HttpClient { BaseAddress = emulator.BaseUri, Timeout = TimeSpan.FromMinutes(10) };
        var clock = Stopwatch.StartNew();
        var resp = await http.PostAsJsonAsync($"/_emulator/partners/{partner.Uid}/clock/advance", new { seconds = 365 * 86400 });
        var ms = clock.Elapsed.TotalMilliseconds;
        resp.EnsureSuccessStatusCode();

        var renewals = JsonNode.Parse(await EmulatorSetup.CaptureAsync(signer.V3("QueryOrders",
            [new("OrderType", "Renew"), new("PageNum", "1"), new("PageSize", "1")])))!["Data"]!["TotalCount"]!.GetValue<int>();
        log.WriteLine($"a year's advance over {settings.LifecycleInstances} auto-renewing monthly instances: {ms:F0} ms, {renewals} renewals");
        return new LifecycleResult(settings.LifecycleInstances, renewals, ms);
    }
}
