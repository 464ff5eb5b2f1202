using System.Net;
using PartnerPortal;
using VirtualOperator.Emulator.Testing;
using Xunit;

namespace PartnerPortal.Tests;

/// <summary>The portal backend against the emulator: the one line is the class declaration (IClassFixture).</summary>
public sealed class PortalTests(EmulatorPartnerFixture emulator) : IClassFixture<EmulatorPartnerFixture>
{
    private readonly PortalBackend _portal = new(emulator.Server.BaseUrl, emulator.AccessKeyId, emulator.AccessKeySecret);

    private static string Email() => $"{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task CreatesACustomer_GrantsQuota_Buys_AndSignsTheCustomerIn()
    {
        var customer = await _portal.CreateCustomerAsync(Email());
        await _portal.GrantQuotaAsync(customer, 1000m);
        var order = await _portal.BuyEipAsync(customer);
        Assert.False(string.IsNullOrEmpty(order));
        Assert.True(await _portal.AvailableQuotaAsync(customer) < 1000m, "the purchase consumed quota");

        var login = await _portal.ConsoleSignInUrlAsync(customer, new Uri("https://portal.example.com/relogin"), new Uri(emulator.Server.BaseUrl, "/console/icp"));
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var landing = await browser.GetAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Contains(landing.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vo_console_session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnInjectedFault_ReachesThePortal_OnceThenClears()
    {
        var customer = await _portal.CreateCustomerAsync(Email());
        await _portal.GrantQuotaAsync(customer, 1000m);
        await emulator.Control.AddFaultAsync(new FaultSpec(Code: "Throttling.User", HttpStatus: 400, Action: "CreateInstance"));

        var refused = await Assert.ThrowsAsync<AcsException>(() => _portal.BuyEipAsync(customer));
        Assert.Equal("Throttling.User", refused.Code);
        Assert.NotEmpty(await _portal.BuyEipAsync(customer));

        var journal = await emulator.Control.JournalAsync(10);
        Assert.Contains(journal, c => c is { Action: "CreateInstance", Injected: true, HttpStatus: 400 });
    }

    [Fact]
    public async Task QuotaRunsOut_TheNextPurchaseIsRefused()
    {
        var customer = await _portal.CreateCustomerAsync(Email());
        await _portal.GrantQuotaAsync(customer, 60m);
        var e = await Assert.ThrowsAnyAsync<AcsException>(async () => { for (var i = 0; i < 10; i++) await _portal.BuyEipAsync(customer); });
        Assert.False(string.IsNullOrEmpty(e.Code));
    }

    [Fact]
    public async Task TheClockMoves_ForThisPartnerOnly()
    {
        var before = await emulator.Control.NowAsync();
        var after = await emulator.Control.AdvanceAsync(TimeSpan.FromDays(7));
        Assert.True(after.Now - before.Now >= TimeSpan.FromDays(7));
        Assert.True(after.OffsetSeconds >= 7 * 86400);
    }

    [Fact]
    public async Task TheNextDueEvent_IsWhereTheClockLands()
    {
        var customer = await _portal.CreateCustomerAsync(Email());
        await _portal.GrantQuotaAsync(customer, 1000m);
        await _portal.BuyEipAsync(customer);
        var next = await emulator.Control.NextDueAsync();
        Assert.NotNull(next.NextDueAt);
        var moved = await emulator.Control.AdvanceToNextDueAsync();
        Assert.True(moved.Now >= next.NextDueAt!.Value, $"landed at {moved.Now:O}, the step was due at {next.NextDueAt:O}");
        Assert.NotNull(moved.FellDue);
    }

    [Fact]
    public async Task AJournalledCall_ComesBackAsACurlCommand()
    {
        var customer = await _portal.CreateCustomerAsync(Email());
        var call = (await emulator.Control.JournalAsync(10)).First(c => c.Action == "CreateAgAccount");
        var recipe = await emulator.Control.RecipeAsync(call.RequestId);
        Assert.StartsWith("curl ", recipe.Curl);
        Assert.Contains("Action=CreateAgAccount", recipe.Curl);
        Assert.Contains("@alicloud/pop-core", recipe.Sdk);
        Assert.NotNull(customer);
    }

    [Fact]
    public void TheEmulator_RunsTheWayTheEnvironmentAsked() =>
        Assert.Equal(Environment.GetEnvironmentVariable("EMULATOR_MODE") == "process" ? EmulatorMode.Process : EmulatorMode.InProcess, emulator.Server.Mode);

    [Fact]
    public async Task TheBundle_CarriesThePartnersCustomers()
    {
        await _portal.CreateCustomerAsync(Email());
        var bundle = await emulator.Control.ExportBundleAsync();
        Assert.Contains(emulator.Partner.Uid, bundle);
        Assert.Contains("\"customers\"", bundle);
    }
}
