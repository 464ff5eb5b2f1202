using System.Diagnostics;
using System.Net;
using Microsoft.Playwright;
using VirtualOperator.Emulator.Tests.Support;
using Xunit.Abstractions;

namespace VirtualOperator.Emulator.Tests.Browser;

/// <summary>
/// The dashboard (<c>/_emulator/ui</c>) in Debian's chromium: every view shows what real signed calls made in the test
/// left (customers with credit, resources, orders, messages, the journal); a clock move and a fault added by clicking
/// take effect on the next signed call. Screenshots go to .test-output/screenshots/, load times to
/// .test-output/dashboard-load-times.txt (printed, not asserted).
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private EmulatorApplication _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _app = new EmulatorApplication(settings: new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        _app.UseKestrel(0);
        _app.StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await DebianChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _app?.Dispose();
    }

    [Fact]
    public async Task Views_ShowRealState_AndAClockMoveAndAFaultFromThePage_ReachTheNextSignedCall()
    {
        var partner = await PartnerSession.StartAsync(_app, testAccount: false);
        var customer = await partner.CreateCustomerAsync();
        (await partner.Signed.V3("CreateResellerUserQuota", PartnerSession.Bss, new Dictionary<string, string>
            { ["OwnerId"] = customer, ["Amount"] = "500", ["Currency"] = "CNY" })).Status.Should().Be(HttpStatusCode.OK);
        var bought = await partner.Signed.V3("CreateInstance", PartnerSession.Bss, new Dictionary<string, string>
        {
            ["OwnerId"] = customer, ["ProductCode"] = "eip", ["SubscriptionType"] = "PayAsYouGo",
            ["Parameter.1.Code"] = "Region", ["Parameter.1.Value"] = "cn-hangzhou", ["Parameter.2.Code"] = "Bandwidth", ["Parameter.2.Value"] = "10",
        });
        bought.Status.Should().Be(HttpStatusCode.OK, bought.Text);
        var instance = bought.Json["Data"]!["InstanceId"]!.ToString();
        var order = bought.Json["Data"]!["OrderId"]!.ToString();
        var sts = await partner.AssumeCustomerRoleAsync(customer, duration: 3600);

        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var url = new Uri(partner.Control.BaseAddress!, $"/_emulator/ui?partner={partner.Uid}").ToString();
        var times = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(url);
            await Assertions.Expect(page.Locator("body[data-loaded=true]")).ToBeVisibleAsync();
            clock.Stop();
            times.Add($"load {i + 1}: {clock.ElapsedMilliseconds} ms to every view filled (page script: {await page.Locator("body").GetAttributeAsync("data-load-ms")} ms)");
        }

        await Assertions.Expect(page.GetByTestId("customers")).ToContainTextAsync(customer);
        await Assertions.Expect(page.GetByTestId("customers")).ToContainTextAsync("CNY");
        await Assertions.Expect(page.GetByTestId("resources")).ToContainTextAsync(instance);
        await Assertions.Expect(page.GetByTestId("orders")).ToContainTextAsync(order);
        await Assertions.Expect(page.GetByTestId("messages").Locator("tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("journal")).ToContainTextAsync("CreateInstance");
        await Shot(page, "dashboard-01-loaded");

        // A day on, from the page: the customer's one-hour STS token has expired at the next call.
        (await partner.SignedAs(sts).V3("QueryAvailableInstances", PartnerSession.Bss)).Status.Should().Be(HttpStatusCode.OK);
        var offsetBefore = await page.GetByTestId("offset").TextContentAsync();
        await page.GetByTestId("advance-1d").ClickAsync();
        await Assertions.Expect(page.GetByTestId("offset")).Not.ToHaveTextAsync(offsetBefore!);
        var expired = await partner.SignedAs(sts).V3("QueryAvailableInstances", PartnerSession.Bss);
        expired.Code.Should().Be("InvalidSecurityToken.Expired", expired.Text);

        // A fault, from the page: the next GetCustomerList fails with it, and the journal shows it.
        await page.GetByTestId("fault-action").FillAsync("GetCustomerList");
        await page.GetByTestId("fault-code").FillAsync("Throttling.User");
        await page.GetByTestId("fault-status").FillAsync("400");
        await page.GetByTestId("fault-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("faults")).ToContainTextAsync("Throttling.User");
        await Assertions.Expect(page.GetByTestId("error")).ToHaveTextAsync("");
        var throttled = await partner.Signed.V3("GetCustomerList", PartnerSession.Bss);
        throttled.Status.Should().Be(HttpStatusCode.BadRequest);
        throttled.Code.Should().Be("Throttling.User");
        (await partner.Signed.V3("GetCustomerList", PartnerSession.Bss)).Status.Should().Be(HttpStatusCode.OK, "the fault fires once");
        await Assertions.Expect(page.GetByTestId("journal").Locator("tr.inj")).ToContainTextAsync("GetCustomerList");
        await Shot(page, "dashboard-02-after-clock-and-fault");

        foreach (var t in times) output.WriteLine(t);
        var dir = Path.Combine(RepoRoot(), ".test-output");
        Directory.CreateDirectory(dir);
        await File.WriteAllLinesAsync(Path.Combine(dir, "dashboard-load-times.txt"), times);
    }

    private static async Task Shot(IPage page, string name)
    {
        var dir = Path.Combine(RepoRoot(), ".test-output", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VirtualOperator.Emulator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Path.GetTempPath();
    }
}
