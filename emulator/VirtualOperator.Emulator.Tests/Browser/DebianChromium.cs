using Microsoft.Playwright;

namespace VirtualOperator.Emulator.Tests.Browser;

/// <summary>
/// The one way the browser tests start a browser: Debian's chromium (Playwright's own download cannot be fetched here),
/// headless, with the background networking this machine's closed network refuses turned off.
/// </summary>
public static class DebianChromium
{
    public const string Path = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        File.Exists(Path).Should().BeTrue("the browser test needs Debian's chromium: run scripts/test.d/15-browser-deps.sh (apt-get install -y chromium)");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }
}
