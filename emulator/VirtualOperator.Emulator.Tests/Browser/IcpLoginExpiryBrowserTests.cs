using Microsoft.Playwright;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Browser;

/// <summary>
/// The case QA needs most, in a real browser (Debian's chromium through Microsoft.Playwright): a partner page on
/// another loopback origin embeds the console logon-free, two ICP wizard steps are filled, the clock moves 61
/// minutes, the next step shows "login expired", and after the new logon the draft is still there.
/// Screenshots of every state go to .test-output/screenshots/.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class IcpLoginExpiryBrowserTests : IAsyncLifetime
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
    public async Task IcpWizardInPartnerIframe_LoginExpiresMidFiling_DraftSurvivesNewLogon()
    {
        var partner = await PartnerSession.StartAsync(_app);
        var emulator = partner.Control.BaseAddress!;
        emulator.IsLoopback.Should().BeTrue();
        var customer = await partner.CreateCustomerAsync();
        await using var portal = new PartnerPortal(partner, customer, emulator);
        portal.Origin.Port.Should().NotBe(emulator.Port, "the partner page must be on another origin");

        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 760 } });
        await page.GotoAsync(portal.Origin.ToString());
        var console = page.FrameLocator("#console");

        var step = console.GetByTestId("icp-step");
        await Assertions.Expect(step).ToHaveAttributeAsync("data-step", "1");
        await Assertions.Expect(console.GetByTestId("account")).ToHaveTextAsync(customer);
        await console.Locator("#SubjectType").FillAsync("Enterprise");
        await console.Locator("#SubjectName").FillAsync("Example Trading Ltd");
        await console.Locator("#CertificateNumber").FillAsync("91330100MA2ABCDE1X");
        await Shot(page, "01-icp-step1-filled");
        await console.GetByTestId("next").ClickAsync();

        await Assertions.Expect(step).ToHaveAttributeAsync("data-step", "2");
        await console.Locator("#Domain").FillAsync("example-trading.cn");
        await console.Locator("#SiteName").FillAsync("Example Trading");
        await console.GetByTestId("next").ClickAsync();
        await Assertions.Expect(step).ToHaveAttributeAsync("data-step", "3");
        await Shot(page, "02-icp-step3-before-expiry");

        await partner.AdvanceClockAsync(TimeSpan.FromMinutes(61));

        await console.Locator("#ContactName").FillAsync("Li Lei");
        await console.Locator("#ContactPhone").FillAsync("13800000000");
        await console.Locator("#ContactEmail").FillAsync("li.lei@example-trading.cn");
        await console.GetByTestId("next").ClickAsync();
        await Assertions.Expect(console.GetByTestId("login-expired")).ToBeVisibleAsync();
        await Assertions.Expect(console.GetByTestId("page-title")).ToHaveTextAsync("Login expired");
        await Shot(page, "03-login-expired");

        // The expired page sends the frame to LoginUrl; the partner logs on again and the wizard resumes at step 3.
        await Assertions.Expect(step).ToHaveAttributeAsync("data-step", "3", new() { Timeout = 15000 });
        await Assertions.Expect(console.GetByTestId("account")).ToHaveTextAsync(customer);
        await Shot(page, "04-after-new-logon-step3");
        await console.GetByText("Back").ClickAsync();
        await Assertions.Expect(step).ToHaveAttributeAsync("data-step", "2");
        await Assertions.Expect(console.Locator("#Domain")).ToHaveValueAsync("example-trading.cn");
        await console.GetByText("Back").ClickAsync();
        await Assertions.Expect(console.Locator("#SubjectName")).ToHaveValueAsync("Example Trading Ltd");
        await Shot(page, "05-draft-kept-step1");
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
