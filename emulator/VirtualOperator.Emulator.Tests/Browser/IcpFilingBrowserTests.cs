using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using VirtualOperator.Emulator.Products.Resources;
using VirtualOperator.Emulator.Tests.Products.Bsn;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Browser;

/// <summary>
/// The overview's ICP case end to end in a real browser (Debian's chromium): the customer's instance has a service
/// number, the partner page embeds the console logon-free, the 1-hour session expires in the middle of the filing, and
/// then either the customer signs in again and completes the filing (approved, then the ICP number shown), or abandons
/// it (draft kept, no filing, number still bound); and a rejected filing fixed and submitted again.
/// Screenshots go to .test-output/screenshots/icp-*.png; each test prints its wall time.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class IcpFilingBrowserTests : IAsyncLifetime
{
    private readonly TestInstances _instances = new();
    private EmulatorApplication _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly ITestOutputHelper _out;

    public IcpFilingBrowserTests(ITestOutputHelper output) => _out = output;

    public async Task InitializeAsync()
    {
        _app = new EmulatorApplication(
            settings: new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0", ["Emulator:Federation:ExpiredPageRedirectSeconds"] = "1" },
            services: s => s.AddSingleton<IResourceDirectory>(_instances));
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

    private sealed record Scene(PartnerSession Partner, string Customer, string Sn, PartnerPortal Portal, IPage Page, IFrameLocator Console);

    private async Task<Scene> OpenAsync()
    {
        var partner = await PartnerSession.StartAsync(_app);
        var customer = await partner.CreateCustomerAsync();
        var sn = (await partner.BindAsync(customer, _instances.Run(partner.Uid, customer)))[0];
        var portal = new PartnerPortal(partner, customer, partner.Control.BaseAddress!);
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 760 } });
        await page.GotoAsync(portal.Origin.ToString());
        var console = page.FrameLocator("#console");
        await Assertions.Expect(console.GetByTestId("icp-step")).ToHaveAttributeAsync("data-step", "1");
        return new Scene(partner, customer, sn, portal, page, console);
    }

    private static async Task FillSubjectAndWebsiteAsync(IFrameLocator console)
    {
        await console.Locator("#SubjectType").FillAsync("Enterprise");
        await console.Locator("#SubjectName").FillAsync("Example Trading Ltd");
        await console.Locator("#CertificateNumber").FillAsync("91330100MA2ABCDE1X");
        await console.GetByTestId("next").ClickAsync();
        await Assertions.Expect(console.GetByTestId("icp-step")).ToHaveAttributeAsync("data-step", "2");
        await console.Locator("#Domain").FillAsync("example-trading.cn");
        await console.Locator("#SiteName").FillAsync("Example Trading");
        await console.GetByTestId("next").ClickAsync();
        await Assertions.Expect(console.GetByTestId("icp-step")).ToHaveAttributeAsync("data-step", "3");
    }

    private static async Task FillContactAndSubmitAsync(IFrameLocator console, string sn)
    {
        await console.Locator("#ContactName").FillAsync("Li Lei");
        await console.Locator("#ContactPhone").FillAsync("13800000000");
        await console.Locator("#ContactEmail").FillAsync("li.lei@example-trading.cn");
        await console.GetByTestId("next").ClickAsync();
        await Assertions.Expect(console.GetByTestId("icp-step")).ToHaveAttributeAsync("data-step", "4");
        await console.Locator("#ServiceNumber").FillAsync(sn);
        await console.GetByTestId("next").ClickAsync();
        await Assertions.Expect(console.GetByTestId("icp-status")).ToHaveAttributeAsync("data-status", "Submitted");
    }

    private async Task<string> OnlyFilingAsync(PartnerSession p) =>
        (await p.ControlGet($"/_emulator/partners/{p.Uid}/icp/filings")).AsArray().Single()!["filingId"]!.ToString();

    [Fact]
    public async Task ExpiryMidFiling_NewLogonResumes_FilingSubmittedAndApproved()
    {
        var watch = Stopwatch.StartNew();
        var s = await OpenAsync();
        await using var _ = s.Portal;
        await FillSubjectAndWebsiteAsync(s.Console);
        await Shot(s.Page, "icp-01-step3-before-expiry");

        await s.Partner.AdvanceClockAsync(TimeSpan.FromMinutes(61));
        await s.Console.Locator("#ContactName").FillAsync("Li Lei");
        await s.Console.GetByTestId("next").ClickAsync();
        await Assertions.Expect(s.Console.GetByTestId("login-expired")).ToBeVisibleAsync();
        await Assertions.Expect(s.Console.GetByTestId("login-url")).ToHaveAttributeAsync("href", new Uri(s.Portal.Origin, "/relogin").ToString());
        await Shot(s.Page, "icp-02-login-expired");
        (await s.Partner.LookUpAsync(s.Sn))["status"]!.GetValue<int>().Should().Be(1, "the service number stays bound while the customer is away");

        // The expired page sends the frame to the partner's LoginUrl, which signs the customer in again: step 3 again.
        await Assertions.Expect(s.Console.GetByTestId("icp-step")).ToHaveAttributeAsync("data-step", "3", new() { Timeout = 15000 });
        await FillContactAndSubmitAsync(s.Console, s.Sn);
        await Shot(s.Page, "icp-03-submitted-after-new-logon");
        (await s.Partner.LookUpAsync(s.Sn))["status"]!.GetValue<int>().Should().Be(4);

        var id = await OnlyFilingAsync(s.Partner);
        (await s.Partner.ControlPost($"/_emulator/partners/{s.Partner.Uid}/icp/filings/{id}/approve", new { beianNum = "浙ICP备26000001号" }))
            .EnsureSuccessStatusCode();
        await s.Page.ReloadAsync();
        await Assertions.Expect(s.Console.GetByTestId("icp-status")).ToHaveAttributeAsync("data-status", "Approved");
        await Assertions.Expect(s.Console.GetByTestId("beian-num")).ToHaveTextAsync("浙ICP备26000001号");
        await Shot(s.Page, "icp-04-approved");
        (await s.Partner.LookUpAsync(s.Sn))["status"]!.GetValue<int>().Should().Be(2);
        _out.WriteLine($"expiry mid-filing, new logon, submit, approve: {watch.Elapsed.TotalSeconds:F1} s wall time");
    }

    [Fact]
    public async Task ExpiryMidFiling_DraftAbandoned_NoFilingAndTheNumberStaysBound()
    {
        var watch = Stopwatch.StartNew();
        var s = await OpenAsync();
        await using var _ = s.Portal;
        await FillSubjectAndWebsiteAsync(s.Console);
        // The existing expire control ends the session without moving the clock.
        (await s.Partner.ControlPost($"/_emulator/partners/{s.Partner.Uid}/console/sessions/expire")).EnsureSuccessStatusCode();
        await s.Console.Locator("#ContactName").FillAsync("Li Lei");
        await s.Console.GetByTestId("next").ClickAsync();
        await Assertions.Expect(s.Console.GetByTestId("login-expired")).ToBeVisibleAsync();
        await Shot(s.Page, "icp-05-abandoned-login-expired");
        await s.Page.CloseAsync(); // the customer gives up

        await s.Partner.AdvanceClockAsync(TimeSpan.FromDays(30));
        var draft = await s.Partner.ControlGet($"/_emulator/customers/{s.Customer}/icp-draft");
        draft["status"]!.ToString().Should().Be("Draft");
        draft["currentStep"]!.GetValue<int>().Should().Be(3);
        (await s.Partner.ControlGet($"/_emulator/partners/{s.Partner.Uid}/icp/filings")).AsArray().Should().BeEmpty();
        (await s.Partner.LookUpAsync(s.Sn))["status"]!.GetValue<int>().Should().Be(1);
        (await s.Partner.EventTypesAsync()).Should().NotContain(t => t.StartsWith("IcpFiling", StringComparison.Ordinal));
        _out.WriteLine($"abandoned draft: {watch.Elapsed.TotalSeconds:F1} s wall time");
    }

    [Fact]
    public async Task Rejected_ReasonShownInTheFrame_FixedAndSubmittedAgain()
    {
        var watch = Stopwatch.StartNew();
        var s = await OpenAsync();
        await using var _ = s.Portal;
        await FillSubjectAndWebsiteAsync(s.Console);
        await FillContactAndSubmitAsync(s.Console, s.Sn);
        var first = await OnlyFilingAsync(s.Partner);
        (await s.Partner.ControlPost($"/_emulator/partners/{s.Partner.Uid}/icp/filings/{first}/reject", new { reason = "The website name does not match the domain." }))
            .EnsureSuccessStatusCode();

        await s.Page.ReloadAsync();
        await Assertions.Expect(s.Console.GetByTestId("reject-reason")).ToHaveTextAsync("The website name does not match the domain.");
        await Shot(s.Page, "icp-06-rejected-reason");
        await s.Page.GotoAsync(s.Portal.Origin.ToString()); // back to the wizard from its start
        await s.Console.GetByText("Back").ClickAsync();
        await s.Console.GetByText("Back").ClickAsync();
        await Assertions.Expect(s.Console.GetByTestId("icp-step")).ToHaveAttributeAsync("data-step", "2");
        await s.Console.Locator("#SiteName").FillAsync("Example Trading Shop");
        await s.Console.GetByTestId("next").ClickAsync();
        await s.Console.GetByTestId("next").ClickAsync(); // step 3 kept its fields
        await Assertions.Expect(s.Console.Locator("#ServiceNumber")).ToHaveValueAsync(s.Sn);
        await s.Console.GetByTestId("next").ClickAsync();
        await Assertions.Expect(s.Console.GetByTestId("icp-status")).ToHaveAttributeAsync("data-status", "Submitted");
        await Shot(s.Page, "icp-07-resubmitted");
        var filings = (await s.Partner.ControlGet($"/_emulator/partners/{s.Partner.Uid}/icp/filings")).AsArray();
        filings.Select(f => f!["status"]!.ToString()).Should().Equal("Rejected", "Submitted");
        filings[1]!["fields"]!["SiteName"]!.ToString().Should().Be("Example Trading Shop");
        _out.WriteLine($"reject, fix, resubmit: {watch.Elapsed.TotalSeconds:F1} s wall time");
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir(), name + ".png"), FullPage = true });

    private static string ScreenshotDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VirtualOperator.Emulator.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, ".test-output", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
