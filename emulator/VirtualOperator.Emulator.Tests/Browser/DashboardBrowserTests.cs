using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using VirtualOperator.Emulator.Tests.Support;
using Xunit.Abstractions;

namespace VirtualOperator.Emulator.Tests.Browser;

/// <summary>One emulator on a real Kestrel port and one Debian chromium for the dashboard tests of a class.</summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public EmulatorApplication App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    public async Task InitializeAsync()
    {
        App = new EmulatorApplication(settings: new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        App.UseKestrel(0);
        App.StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await DebianChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        App?.Dispose();
    }

    public async Task<IPage> OpenAsync(PartnerSession partner, IBrowserContext? context = null)
    {
        var page = await (context ?? await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } }))
            .NewPageAsync();
        await page.GotoAsync(Url(partner));
        await Assertions.Expect(page.Locator("body[data-loaded=true]")).ToBeVisibleAsync(Loaded);
        return page;
    }

    /// <summary>Waiting for every view to be filled: generous, since the machine running CI may be loaded (times are measured, not asserted).</summary>
    public static readonly LocatorAssertionsToBeVisibleOptions Loaded = new() { Timeout = 30_000 };

    public static string Url(PartnerSession partner) => new Uri(partner.Control.BaseAddress!, $"/_emulator/ui?partner={partner.Uid}").ToString();

    public static async Task Shot(IPage page, string name)
    {
        var dir = Path.Combine(RepoRoot(), ".test-output", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VirtualOperator.Emulator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Path.GetTempPath();
    }
}

/// <summary>
/// The dashboard (<c>/_emulator/ui</c>) in Debian's chromium, on state made by real signed calls in each test: every view
/// (customers, instances and orders of every product per customer, ICP filings, tickets, queued messages, faults, the
/// journal) shows what the APIs answer; clock moves (partner and global, presets, to the next due event) and faults added
/// from the page reach the next signed call; the journal hands a call back as a curl command that works and a pop-core
/// snippet, and shows the server's string-to-sign of a refused signature. Screenshots go to .test-output/screenshots/.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(DashboardHost host, ITestOutputHelper output) : IClassFixture<DashboardHost>
{
    private EmulatorApplication App => host.App;

    [Fact]
    public async Task EveryView_ShowsWhatTheApisAnswer_AndTheCustomerFilterNarrowsIt()
    {
        var w = await DashboardWorld.BuildAsync(App);
        var page = await host.OpenAsync(w.Partner);

        await Assertions.Expect(page.GetByTestId("customers")).ToContainTextAsync(w.Customer);
        await Assertions.Expect(page.GetByTestId("customers")).ToContainTextAsync("CNY");
        foreach (var id in new[] { w.Ecs, w.Subscription, w.Rds }) await Assertions.Expect(page.GetByTestId("resources")).ToContainTextAsync(id);
        await Assertions.Expect(page.GetByTestId("orders")).ToContainTextAsync(w.SubscriptionOrder);
        var filings = page.GetByTestId("filings").Locator("tr", new() { HasText = w.Filing });
        await Assertions.Expect(filings).ToContainTextAsync("Submitted");
        var ticket = page.GetByTestId("tickets").Locator("tr", new() { HasText = w.Ticket });
        await Assertions.Expect(ticket).ToContainTextAsync(w.Customer);
        // The state each view shows is the one the APIs answer: the ticket's status as Workorder lists it, the queue as MNS holds it.
        var listed = await w.Partner.Signed.V1("QuestionList", "2016-08-30", new Dictionary<string, string>());
        listed.Status.Should().Be(HttpStatusCode.OK, listed.Text);
        var status = listed.Json["data"]!.AsArray().Single(t => t!["id"]!.ToString() == w.Ticket)!["questionStatus"]!.ToString();
        await Assertions.Expect(ticket).ToContainTextAsync(status);
        var queue = await w.Partner.ControlGet($"/_emulator/partners/{w.Partner.Uid}/queue");
        await Assertions.Expect(page.GetByTestId("queue").Locator("tr")).ToHaveCountAsync(Math.Min(100, queue["messages"]!.AsArray().Count));
        await Assertions.Expect(page.GetByTestId("queue")).ToContainTextAsync("IcpFilingSubmitted");
        await Assertions.Expect(page.GetByTestId("queue-counts")).ToContainTextAsync($"{queue["activeMessages"]} active");
        await Assertions.Expect(page.GetByTestId("journal")).ToContainTextAsync("RunInstances");
        await DashboardHost.Shot(page, "dashboard-01-every-view");

        // One customer: its ECS and generic instances, orders, filing and ticket; not the other customer's RDS instance.
        await page.GetByTestId("customers").Locator("tr", new() { HasText = w.Customer }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("resources")).Not.ToContainTextAsync(w.Rds);
        await Assertions.Expect(page.GetByTestId("resources")).ToContainTextAsync(w.Ecs);
        await Assertions.Expect(page.GetByTestId("orders")).ToContainTextAsync(w.SubscriptionOrder);
        await page.GetByTestId("customer").SelectOptionAsync(w.Other);
        await Assertions.Expect(page.GetByTestId("resources")).ToContainTextAsync(w.Rds);
        await Assertions.Expect(page.GetByTestId("resources")).Not.ToContainTextAsync(w.Ecs);
        await Assertions.Expect(page.GetByTestId("filings").Locator("tr")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("tickets").Locator("tr")).ToHaveCountAsync(0);
        await DashboardHost.Shot(page, "dashboard-02-one-customer");
    }

    [Fact]
    public async Task ClockMovesFromThePage_ReachTheNextSignedCall_AndListWhatFellDue()
    {
        var w = await DashboardWorld.BuildAsync(App);
        var sts = await w.Partner.AssumeCustomerRoleAsync(w.Customer, duration: 3600);
        (await w.Partner.SignedAs(sts).V3("QueryAvailableInstances", PartnerSession.Bss)).Status.Should().Be(HttpStatusCode.OK);
        var page = await host.OpenAsync(w.Partner);

        // A day on: the one-hour STS token has expired at the next call, and the filing's first check (24 h) fell due.
        await page.GetByTestId("advance-1d").ClickAsync();
        await Assertions.Expect(page.GetByTestId("fell-due")).ToContainTextAsync("IcpFilingUnderReview");
        await Assertions.Expect(page.GetByTestId("filings")).ToContainTextAsync("UnderReview");
        var expired = await w.Partner.SignedAs(sts).V3("QueryAvailableInstances", PartnerSession.Bss);
        expired.Code.Should().Be("InvalidSecurityToken.Expired", expired.Text);
        await DashboardHost.Shot(page, "dashboard-03-a-day-on");

        // To the next due event: the clock lands on the time the page announced (the ECS instance's next metered hour).
        var announced = (await page.GetByTestId("next-due").TextContentAsync())!;
        announced.Should().MatchRegex(@"^\d{4}-\d\d-\d\dT", "a PostPaid instance is metered hourly, so something is always scheduled");
        var nextDue = DateTimeOffset.Parse(announced.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByTestId("advance-next-due").ClickAsync();
        await Assertions.Expect(page.GetByTestId("fell-due-summary")).ToContainTextAsync("to the next due event");
        var now = DateTimeOffset.Parse((await w.Partner.ControlGet($"/_emulator/partners/{w.Partner.Uid}/clock"))["now"]!.ToString(),
            System.Globalization.CultureInfo.InvariantCulture);
        now.Should().BeOnOrAfter(nextDue).And.BeBefore(nextDue.AddMinutes(5));

        // A calendar month on: the one-month subscription (manual renewal) has expired, as BSS answers at the next call.
        await page.GetByTestId("advance-1mo").ClickAsync();
        await Assertions.Expect(page.GetByTestId("fell-due")).ToContainTextAsync("InstanceExpired");
        var instances = await w.Partner.Signed.V3("QueryAvailableInstances", PartnerSession.Bss, new Dictionary<string, string>
            { ["OwnerId"] = w.Customer, ["InstanceIDs"] = w.Subscription });
        instances.Status.Should().Be(HttpStatusCode.OK, instances.Text);
        instances.Json["Data"]!["InstanceList"]!.AsArray().Single()!["Status"]!.ToString().Should().Be("Expired");
        await DashboardHost.Shot(page, "dashboard-04-a-month-on");

        // The global clock: every partner moves.
        var before = (await w.Partner.ControlGet("/_emulator/clock"))["offsetSeconds"]!.GetValue<long>();
        await page.GetByTestId("clock-scope").SelectOptionAsync("global");
        await page.GetByTestId("advance-1h").ClickAsync();
        await Assertions.Expect(page.GetByTestId("global-offset")).ToHaveTextAsync((before + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await w.Partner.ControlGet("/_emulator/clock"))["offsetSeconds"]!.GetValue<long>().Should().Be(before + 3600);
        await DashboardHost.Shot(page, "dashboard-05-global-clock");
    }

    [Fact]
    public async Task AFaultAddedFromThePage_FailsTheNextSignedCalls_AndTheListFollowsAddAndClear()
    {
        var p = await PartnerSession.StartAsync(App, testAccount: false);
        await p.CreateCustomerAsync();
        var page = await host.OpenAsync(p);

        await page.GetByTestId("fault-action").FillAsync("GetCustomerList");
        await page.GetByTestId("fault-product").FillAsync("BssOpenApi");
        await page.GetByTestId("fault-code").FillAsync("Throttling.User");
        await page.GetByTestId("fault-status").FillAsync("400");
        await page.GetByTestId("fault-count").FillAsync("2");
        await page.GetByTestId("fault-after").FillAsync("1");
        await page.GetByTestId("fault-add").ClickAsync();
        var row = page.GetByTestId("faults").Locator("tr", new() { HasText = "Throttling.User" });
        await Assertions.Expect(row).ToContainTextAsync(p.Uid);
        await Assertions.Expect(page.GetByTestId("error")).ToHaveTextAsync("");

        (await p.Signed.V3("GetCustomerList", PartnerSession.Bss)).Status.Should().Be(HttpStatusCode.OK, "the first match passes (after 1)");
        for (var i = 0; i < 2; i++)
        {
            var throttled = await p.Signed.V3("GetCustomerList", PartnerSession.Bss);
            throttled.Status.Should().Be(HttpStatusCode.BadRequest);
            throttled.Code.Should().Be("Throttling.User");
        }
        (await p.Signed.V3("GetCustomerList", PartnerSession.Bss)).Status.Should().Be(HttpStatusCode.OK, "the fault fires twice");
        await Assertions.Expect(page.GetByTestId("journal").Locator("tr.inj")).ToHaveCountAsync(2);
        await Assertions.Expect(row.Locator("td").Last).ToHaveTextAsync("2");
        await DashboardHost.Shot(page, "dashboard-06-fault-fired");

        await page.GetByTestId("fault-clear").ClickAsync();
        await Assertions.Expect(page.GetByTestId("faults").Locator("tr")).ToHaveCountAsync(0);
        (await p.ControlGet($"/_emulator/partners/{p.Uid}/faults")).AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task TheJournal_Filters_ShowsARefusedStringToSign_AndHandsACallBackAsCurlAndSdk()
    {
        var p = await PartnerSession.StartAsync(App, testAccount: false);
        var other = await PartnerSession.StartAsync(App, testAccount: false);
        var customer = await p.CreateCustomerAsync();
        (await other.Signed.V3("GetCustomerList", PartnerSession.Bss)).Status.Should().Be(HttpStatusCode.OK);
        (await p.Signed.V3("GetCustomerList", PartnerSession.Bss, new Dictionary<string, string> { ["PageSize"] = "5" })).Status.Should().Be(HttpStatusCode.OK);
        var refused = await p.Signed.V1("GetCustomerList", PartnerSession.Bss, new Dictionary<string, string>(), secretOverride: "not-the-secret");
        refused.Status.Should().Be(HttpStatusCode.BadRequest, refused.Text);
        var page = await host.OpenAsync(p);

        // By partner: this one's calls only, or every partner's.
        var journal = page.GetByTestId("journal");
        await Assertions.Expect(journal.Locator("tr", new() { HasText = other.Uid })).ToHaveCountAsync(0);
        await page.GetByTestId("journal-partner").SelectOptionAsync("all");
        await Assertions.Expect(journal.Locator("tr", new() { HasText = other.Uid })).Not.ToHaveCountAsync(0);
        await page.GetByTestId("journal-partner").SelectOptionAsync("this");

        // A refused signature: the server's string-to-sign, as the journal has it.
        await page.GetByTestId("journal-status").SelectOptionAsync("sig");
        await Assertions.Expect(journal.Locator("tr")).ToHaveCountAsync(1);
        await journal.Locator("tr").First.ClickAsync();
        var calls = (await p.ControlGet($"/_emulator/partners/{p.Uid}/requests")).AsArray();
        var serverSide = calls.Single(c => c!["stringToSign"] is not null)!["stringToSign"]!.ToString();
        serverSide.Should().Contain("GetCustomerList");
        await Assertions.Expect(page.GetByTestId("string-to-sign")).ToHaveTextAsync(serverSide);
        await DashboardHost.Shot(page, "dashboard-07-refused-signature");

        // By action and status, then copy as curl: the command makes the same call again, and it succeeds.
        await page.GetByTestId("journal-status").SelectOptionAsync("2");
        await page.GetByTestId("journal-action").FillAsync("customerlist");
        // The refused call's row was also the only one a moment ago: wait until it is gone, so the click cannot land on it.
        await Assertions.Expect(journal.Locator("tr", new() { HasText = "SignatureDoesNotMatch" })).ToHaveCountAsync(0);
        await Assertions.Expect(journal.Locator("tr")).ToHaveCountAsync(1);
        await journal.Locator("tr").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("curl")).ToContainTextAsync("Action=GetCustomerList");
        var curl = (await page.GetByTestId("curl").TextContentAsync())!;
        curl.Should().Contain("PageSize=5");
        var replay = await RunCurl(curl);
        JsonNode.Parse(replay)!["Data"]!["UidList"]!.AsArray().Select(u => u!.ToString()).Should().Equal([customer], replay);
        var sdk = (await page.GetByTestId("sdk").TextContentAsync())!;
        sdk.Should().Contain("require('@alicloud/pop-core')").And.Contain("client.request(\"GetCustomerList\"").And.Contain("\"PageSize\": \"5\"")
            .And.Contain($"apiVersion: \"{PartnerSession.Bss}\"");
        await Assertions.Expect(journal.Locator("tr")).ToHaveCountAsync(2, new() { Timeout = 10_000 }); // the replay, polled in live
        await DashboardHost.Shot(page, "dashboard-08-copy-as-curl");
    }

    /// <summary>Dashboard load times for a partner with 20 customers and 200 orders (printed and written, not asserted).</summary>
    [Fact]
    public async Task LoadTimes_TwentyCustomersTwoHundredOrders()
    {
        var p = await PartnerSession.StartAsync(App, testAccount: false);
        for (var c = 0; c < 20; c++)
        {
            var customer = await p.CreateCustomerAsync();
            (await p.Signed.V3("CreateResellerUserQuota", PartnerSession.Bss, new Dictionary<string, string>
                { ["OwnerId"] = customer, ["Amount"] = "100000", ["Currency"] = "CNY" })).Status.Should().Be(HttpStatusCode.OK);
            for (var o = 0; o < 10; o++)
                (await p.Signed.V3("CreateInstance", PartnerSession.Bss, new Dictionary<string, string>
                {
                    ["OwnerId"] = customer, ["ProductCode"] = "eip", ["SubscriptionType"] = "PayAsYouGo",
                    ["Parameter.1.Code"] = "Region", ["Parameter.1.Value"] = "cn-hangzhou", ["Parameter.2.Code"] = "Bandwidth", ["Parameter.2.Value"] = "10",
                })).Status.Should().Be(HttpStatusCode.OK);
        }
        var times = new List<string>();
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        var page = await context.NewPageAsync();
        for (var i = 0; i < 4; i++)
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(DashboardHost.Url(p));
            await Assertions.Expect(page.Locator("body[data-loaded=true]")).ToBeVisibleAsync(DashboardHost.Loaded);
            clock.Stop();
            times.Add($"{(i == 0 ? "cold" : "warm")} load {i + 1}: {clock.ElapsedMilliseconds} ms to every view filled " +
                $"(page script {await page.Locator("body").GetAttributeAsync("data-load-ms")} ms); 20 customers, 200 orders");
        }
        await Assertions.Expect(page.GetByTestId("orders").Locator("tr")).ToHaveCountAsync(200);
        await Assertions.Expect(page.GetByTestId("customers").Locator("tr")).ToHaveCountAsync(20);
        await DashboardHost.Shot(page, "dashboard-09-twenty-customers");
        foreach (var t in times) output.WriteLine(t);
        var dir = Path.Combine(DashboardHost.RepoRoot(), ".test-output");
        Directory.CreateDirectory(dir);
        await File.WriteAllLinesAsync(Path.Combine(dir, "dashboard-load-times.txt"), times);
    }

    private static async Task<string> RunCurl(string command)
    {
        // The page's command is `curl -sS '<url>'`: run it as a user would paste it into a shell.
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await process.StandardError.ReadToEndAsync());
        return stdout;
    }
}
