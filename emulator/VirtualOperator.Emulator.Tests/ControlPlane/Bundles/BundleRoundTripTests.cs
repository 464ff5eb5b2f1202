using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Acceptance;
using VirtualOperator.Emulator.Tests.Support;
using Xunit.Abstractions;

namespace VirtualOperator.Emulator.Tests.ControlPlane.Bundles;

/// <summary>
/// A partner that walked through every product (<see cref="ProductTour"/>), exported, reset (or moved to another
/// emulator) and imported: every read action of the catalog answers exactly as before (<see cref="CatalogReads"/>),
/// and so do its messages, faults and journal.
/// </summary>
public sealed class BundleRoundTripTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExportResetImport_EveryReadAnswersAsBefore(bool durable)
    {
        var dataPath = durable ? Path.Combine(Path.GetTempPath(), $"vo-bundle-{Guid.NewGuid():N}.db") : null;
        try
        {
            using var app = new EmulatorApplication(dataPath);
            var tour = await ProductTour.RunAsync(app);
            var uid = tour.PartnerUid;
            var control = app.CreateClient();
            (await control.PostAsJsonAsync($"/_emulator/partners/{uid}/faults", new { action = "DeleteNothing", code = "Throttling", httpStatus = 503, count = 3 }))
                .StatusCode.Should().Be(HttpStatusCode.Created);

            var reads = await CatalogReads.Plan(tour.Session.Signed, tour.Calls, tour.Answers.Values);
            var before = await reads.RunAsync(tour.Session.Signed);
            var sideBefore = await SideState(control, uid);
            var bundle = await control.GetStringAsync($"/_emulator/partners/{uid}/bundle");

            (await control.PostAsJsonAsync($"/_emulator/partners/{uid}/reset", new { })).EnsureSuccessStatusCode();
            (await reads.RunAsync(tour.Session.Signed)).Should().NotEqual(before, "a reset empties the partner, so the comparison can fail");

            var refused = await Import(control, bundle, replace: false);
            refused.StatusCode.Should().Be(HttpStatusCode.Conflict, "the partner exists, and replacing it was not asked");
            var imported = await Import(control, bundle, replace: true);
            imported.StatusCode.Should().Be(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());

            (await SideState(control, uid)).Should().Equal(sideBefore);
            var after = await reads.RunAsync(tour.Session.Signed);
            output.WriteLine($"{reads.Calls.Count} read calls compared ({(durable ? "data file" : "in memory")})");
            Differences(before, after).Should().BeEmpty();
            before.Keys.Should().Contain(k => k.StartsWith("GetOrderDetail(", StringComparison.Ordinal)).And
                .Contain(k => k.StartsWith("QueryResellerAvailableQuota(", StringComparison.Ordinal));
        }
        finally
        {
            if (dataPath is not null)
                foreach (var f in Directory.GetFiles(Path.GetDirectoryName(dataPath)!, Path.GetFileNameWithoutExtension(dataPath) + "*")) File.Delete(f);
        }
    }

    [Fact]
    public async Task ABundle_ImportsIntoAFreshEmulator_WithTheSameAnswers()
    {
        string bundle;
        CatalogReads reads;
        SortedDictionary<string, string> before;
        PartnerKeys keys;
        using (var qa = new EmulatorApplication())
        {
            var tour = await ProductTour.RunAsync(qa);
            keys = tour.Session.Keys;
            reads = await CatalogReads.Plan(tour.Session.Signed, tour.Calls, tour.Answers.Values);
            before = await reads.RunAsync(tour.Session.Signed);
            bundle = await qa.CreateClient().GetStringAsync($"/_emulator/partners/{keys.Uid}/bundle");
        }

        using var developer = new EmulatorApplication();
        var imported = await Import(developer.CreateClient(), bundle, replace: false);
        imported.StatusCode.Should().Be(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var after = await reads.RunAsync(developer.Signed(keys.AccessKeyId, keys.Secret));
        Differences(before, after).Should().BeEmpty();
    }

    /// <summary>The bundle round trip for a partner with 20 customers and 200 orders, timed (printed, not asserted).</summary>
    [Fact]
    public async Task RoundTrip_TwentyCustomersTwoHundredOrders()
    {
        using var app = new EmulatorApplication();
        var p = await PartnerSession.StartAsync(app, testAccount: false);
        for (var c = 0; c < 20; c++)
        {
            var customer = await p.CreateCustomerAsync();
            (await p.Signed.V3("CreateResellerUserQuota", PartnerSession.Bss, new Dictionary<string, string>
                { ["OwnerId"] = customer, ["Amount"] = "100000", ["Currency"] = "CNY" })).Status.Should().Be(HttpStatusCode.OK);
            for (var o = 0; o < 10; o++)
            {
                var r = await p.Signed.V3("CreateInstance", PartnerSession.Bss, new Dictionary<string, string>
                {
                    ["OwnerId"] = customer, ["ProductCode"] = "eip", ["SubscriptionType"] = "PayAsYouGo",
                    ["Parameter.1.Code"] = "Region", ["Parameter.1.Value"] = "cn-hangzhou", ["Parameter.2.Code"] = "Bandwidth", ["Parameter.2.Value"] = "10",
                });
                r.Status.Should().Be(HttpStatusCode.OK, r.Text);
            }
        }
        var reads = await CatalogReads.Plan(p.Signed, new Dictionary<string, TourCall>(), []);
        var before = await reads.RunAsync(p.Signed);
        var control = app.CreateClient();

        var export = Stopwatch.StartNew();
        var bundle = await control.GetStringAsync($"/_emulator/partners/{p.Uid}/bundle");
        export.Stop();
        (await control.PostAsJsonAsync($"/_emulator/partners/{p.Uid}/reset", new { })).EnsureSuccessStatusCode();
        var import = Stopwatch.StartNew();
        var imported = await Import(control, bundle, replace: true);
        import.Stop();
        imported.StatusCode.Should().Be(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var counts = (await imported.Content.ReadFromJsonAsync<JsonObject>())!["documents"]!;
        counts["orders"]!.GetValue<int>().Should().Be(200);
        counts["customers"]!.GetValue<int>().Should().Be(20);

        Differences(before, await reads.RunAsync(p.Signed)).Should().BeEmpty();
        // Once more, warm (the first import also pays for loading and compiling its code).
        var again = Stopwatch.StartNew();
        (await Import(control, bundle, replace: true)).StatusCode.Should().Be(HttpStatusCode.OK);
        again.Stop();
        var line = $"bundle round trip, 20 customers / 200 orders: {bundle.Length / 1024} KiB, export {export.ElapsedMilliseconds} ms, " +
            $"import {import.ElapsedMilliseconds} ms (first), {again.ElapsedMilliseconds} ms (again) (in-process host, in memory)";
        output.WriteLine(line);
        Directory.CreateDirectory(OutputDir);
        await File.WriteAllTextAsync(Path.Combine(OutputDir, "bundle-roundtrip.txt"), line + "\n");
    }

    internal static string OutputDir => Path.Combine(RepoRoot(), ".test-output");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VirtualOperator.Emulator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Path.GetTempPath();
    }

    internal static Task<HttpResponseMessage> Import(HttpClient control, string bundle, bool replace) =>
        control.PostAsync($"/_emulator/bundles{(replace ? "?replace=true" : "")}", new StringContent(bundle, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>What the control plane says of the partner beside the RPC reads: its messages, faults and journal.</summary>
    private static async Task<List<string>> SideState(HttpClient control, string uid) =>
    [
        await control.GetStringAsync($"/_emulator/partners/{uid}/messages"),
        await control.GetStringAsync($"/_emulator/partners/{uid}/faults"),
        await control.GetStringAsync($"/_emulator/partners/{uid}/requests?limit=100000"),
    ];

    internal static List<string> Differences(SortedDictionary<string, string> before, SortedDictionary<string, string> after) =>
        before.Keys.Union(after.Keys)
            .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => $"{k}\n  before: {before.GetValueOrDefault(k)}\n  after:  {after.GetValueOrDefault(k)}").ToList();
}
