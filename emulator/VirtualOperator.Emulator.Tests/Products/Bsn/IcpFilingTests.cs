using System.Net;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Bsn;

/// <summary>
/// The filing lifecycle behind the console wizard, and the overview's case: the 1-hour logon-free session expiring
/// in the middle of a filing (completed after a new logon, or abandoned).
/// </summary>
public sealed class IcpFilingTests(BsnFixture f) : IClassFixture<BsnFixture>
{
    private readonly EmulatorApplication _app = f.App;
    private readonly TestInstances _instances = f.Instances;

    private static readonly Dictionary<string, string>[] Steps =
    [
        new() { ["step"] = "1", ["SubjectType"] = "Enterprise", ["SubjectName"] = "Example Trading Ltd", ["CertificateNumber"] = "91330100MA2ABCDE1X" },
        new() { ["step"] = "2", ["Domain"] = "example-trading.cn", ["SiteName"] = "Example Trading" },
        new() { ["step"] = "3", ["ContactName"] = "Li Lei", ["ContactPhone"] = "13800000000", ["ContactEmail"] = "li.lei@example-trading.cn" },
    ];

    private async Task<(PartnerSession P, string Customer, string Sn, string Cookie)> CustomerWithNumberAsync()
    {
        var p = await PartnerSession.StartAsync(_app);
        var c = await p.CreateCustomerAsync();
        var sn = (await p.BindAsync(c, _instances.Run(p.Uid, c)))[0];
        return (p, c, sn, await p.LogonFreeAsync(c));
    }

    private static async Task<string> SubmitAsync(PartnerSession p, string cookie, string sn, int fromStep = 1)
    {
        foreach (var form in Steps.Skip(fromStep - 1)) (await p.Page(cookie, "/console/icp", form)).Status.Should().Be(HttpStatusCode.Redirect);
        var submit = await p.Page(cookie, "/console/icp", new Dictionary<string, string> { ["step"] = "4", ["ServiceNumber"] = sn });
        submit.Status.Should().Be(HttpStatusCode.Redirect, submit.Html);
        return (await p.ControlGet($"/_emulator/partners/{p.Uid}/icp/filings")).AsArray().Last()!["filingId"]!.ToString();
    }

    private static async Task<int> NumberStatusAsync(PartnerSession p, string sn) => (await p.LookUpAsync(sn))["status"]!.GetValue<int>();

    [Fact]
    public async Task Submit_ThenFirstCheck_ThenApprove_FilesTheNumberWithItsBeianNum()
    {
        var (p, c, sn, cookie) = await CustomerWithNumberAsync();
        var id = await SubmitAsync(p, cookie, sn);

        var filing = await p.ControlGet($"/_emulator/partners/{p.Uid}/icp/filings/{id}");
        filing["status"]!.ToString().Should().Be("Submitted");
        filing["customerUid"]!.ToString().Should().Be(c);
        filing["fields"]!["Domain"]!.ToString().Should().Be("example-trading.cn");
        (await NumberStatusAsync(p, sn)).Should().Be(4, "a number in a filing is 'filing in progress'");
        (await p.Page(cookie, "/console/icp")).Html.Should().Contain("data-status=\"Submitted\"");
        (await p.Page(cookie, "/console/icp", Steps[0])).Status.Should().Be(HttpStatusCode.Conflict);

        await p.AdvanceClockAsync(TimeSpan.FromHours(25));
        (await p.ControlGet($"/_emulator/partners/{p.Uid}/icp/filings/{id}"))["status"]!.ToString().Should().Be("UnderReview");
        (await p.Page(cookie, "/console/icp")).Status.Should().Be(HttpStatusCode.Unauthorized, "the 1-hour session ended meanwhile");
        cookie = await p.LogonFreeAsync(c);
        (await p.Page(cookie, "/console/icp")).Html.Should().Contain("data-status=\"UnderReview\"");

        var approved = await p.ControlPost($"/_emulator/partners/{p.Uid}/icp/filings/{id}/approve", new { beianNum = "浙ICP备20260001号" });
        approved.StatusCode.Should().Be(HttpStatusCode.OK);
        var one = await p.LookUpAsync(sn);
        one["status"]!.GetValue<int>().Should().Be(2);
        one["beianNum"]!.ToString().Should().Be("浙ICP备20260001号");
        (await p.Page(cookie, "/console/icp")).Html.Should().Contain("data-status=\"Approved\"").And.Contain("浙ICP备20260001号");
        (await p.EventTypesAsync()).Where(t => t.StartsWith("IcpFiling", StringComparison.Ordinal))
            .Should().Equal("IcpFilingSubmitted", "IcpFilingUnderReview", "IcpFilingApproved");
        (await p.ControlPost($"/_emulator/partners/{p.Uid}/icp/filings/{id}/reject", new { reason = "late" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Reject_ShowsTheReason_CustomerFixesAndResubmits_AsANewFiling()
    {
        var (p, _, sn, cookie) = await CustomerWithNumberAsync();
        var first = await SubmitAsync(p, cookie, sn);
        var rejected = await p.ControlPost($"/_emulator/partners/{p.Uid}/icp/filings/{first}/reject", new { reason = "The website name does not match the domain." });
        rejected.StatusCode.Should().Be(HttpStatusCode.OK);
        (await NumberStatusAsync(p, sn)).Should().Be(1, "a rejected filing gives its number back");

        var page = await p.Page(cookie, "/console/icp?step=2");
        page.Status.Should().Be(HttpStatusCode.OK);
        page.Html.Should().Contain("data-testid=\"reject-reason\">The website name does not match the domain.").And.Contain("value=\"example-trading.cn\"");
        (await p.Page(cookie, "/console/icp", new Dictionary<string, string> { ["step"] = "2", ["Domain"] = "example-trading.cn", ["SiteName"] = "Example Trading Shop" }))
            .Status.Should().Be(HttpStatusCode.Redirect);
        var second = await SubmitAsync(p, cookie, sn, fromStep: 3);
        second.Should().NotBe(first);
        (await p.ControlGet($"/_emulator/partners/{p.Uid}/icp/filings/{first}"))["status"]!.ToString().Should().Be("Rejected");
        var again = await p.ControlGet($"/_emulator/partners/{p.Uid}/icp/filings/{second}");
        again["status"]!.ToString().Should().Be("Submitted");
        again["fields"]!["SiteName"]!.ToString().Should().Be("Example Trading Shop");
        (await p.EventTypesAsync()).Where(t => t.StartsWith("IcpFiling", StringComparison.Ordinal))
            .Should().Equal("IcpFilingSubmitted", "IcpFilingRejected", "IcpFilingSubmitted");
    }

    [Fact]
    public async Task ReviewPeriod_Elapses_TheFilingIsApprovedOnTheVirtualClock()
    {
        var (p, _, sn, cookie) = await CustomerWithNumberAsync();
        var id = await SubmitAsync(p, cookie, sn);
        await p.AdvanceClockAsync(TimeSpan.FromDays(20) + TimeSpan.FromMinutes(1));
        var f = await p.ControlGet($"/_emulator/partners/{p.Uid}/icp/filings/{id}");
        f["status"]!.ToString().Should().Be("Approved");
        f["decidedBy"]!.ToString().Should().Be("review-period");
        f["decidedAt"]!.ToString().Should().Be(f["reviewEndsAt"]!.ToString(), "the step happens at its own virtual time");
        (await p.LookUpAsync(sn))["beianNum"]!.ToString().Should().MatchRegex("^京ICP备[0-9]{8}号$");
    }

    [Fact]
    public async Task NumberInAFiling_CannotBeGrantedOrUsedTwice()
    {
        var (p, c, sn, cookie) = await CustomerWithNumberAsync();
        await SubmitAsync(p, cookie, sn);
        var d = await p.CreateCustomerAsync();
        (await p.Signed.Pop("GrantBsnCode", new Dictionary<string, string> { ["Sn"] = sn, ["AliUid"] = c, ["GrantToAliuid"] = d })).Code.Should().Be("504");
        // Another customer cannot file with a number it does not hold.
        var dCookie = await p.LogonFreeAsync(d);
        foreach (var form in Steps) (await p.Page(dCookie, "/console/icp", form)).Status.Should().Be(HttpStatusCode.Redirect);
        var refused = await p.Page(dCookie, "/console/icp", new Dictionary<string, string> { ["step"] = "4", ["ServiceNumber"] = sn });
        refused.Status.Should().Be(HttpStatusCode.BadRequest);
        refused.Html.Should().Contain("code 616");
    }

    [Fact]
    public async Task SessionExpiresMidFiling_DraftAndNumberKept_FilingCompletedAfterNewLogon()
    {
        var (p, c, sn, cookie) = await CustomerWithNumberAsync();
        foreach (var form in Steps.Take(2)) (await p.Page(cookie, "/console/icp", form)).Status.Should().Be(HttpStatusCode.Redirect);
        await p.AdvanceClockAsync(TimeSpan.FromMinutes(61));

        var expired = await p.Page(cookie, "/console/icp", Steps[2]);
        expired.Status.Should().Be(HttpStatusCode.Unauthorized);
        expired.Html.Should().Contain("data-testid=\"login-expired\"").And.Contain("url=http://127.0.0.1:9/partner/login");
        (await p.ControlGet($"/_emulator/customers/{c}/icp-draft"))["currentStep"]!.GetValue<int>().Should().Be(3);
        (await NumberStatusAsync(p, sn)).Should().Be(1, "the number stays bound while the customer is away");

        var again = await p.LogonFreeAsync(c);
        (await p.Page(again, "/console/icp")).Html.Should().Contain("data-step=\"3\"");
        var id = await SubmitAsync(p, again, sn, fromStep: 3);
        (await p.ControlGet($"/_emulator/partners/{p.Uid}/icp/filings/{id}"))["fields"]!["SubjectName"]!.ToString().Should().Be("Example Trading Ltd");
        (await NumberStatusAsync(p, sn)).Should().Be(4);
    }

    [Fact]
    public async Task SessionExpiresMidFiling_DraftAbandoned_NoFilingAndTheNumberStaysBound()
    {
        var (p, c, sn, cookie) = await CustomerWithNumberAsync();
        foreach (var form in Steps.Take(2)) (await p.Page(cookie, "/console/icp", form)).Status.Should().Be(HttpStatusCode.Redirect);
        await p.AdvanceClockAsync(TimeSpan.FromMinutes(61));
        (await p.Page(cookie, "/console/icp", Steps[2])).Status.Should().Be(HttpStatusCode.Unauthorized);
        await p.AdvanceClockAsync(TimeSpan.FromDays(30));

        var draft = await p.ControlGet($"/_emulator/customers/{c}/icp-draft");
        draft["status"]!.ToString().Should().Be("Draft");
        draft["currentStep"]!.GetValue<int>().Should().Be(3);
        draft["fields"]!.AsObject().ContainsKey("ContactName").Should().BeFalse("the step posted after expiry was not saved");
        (await p.ControlGet($"/_emulator/partners/{p.Uid}/icp/filings")).AsArray().Should().BeEmpty();
        (await NumberStatusAsync(p, sn)).Should().Be(1);
        (await p.EventTypesAsync()).Should().NotContain(t => t.StartsWith("IcpFiling", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ControlPlane_UnknownFilingOrPartner_Is404()
    {
        var p = await PartnerSession.StartAsync(_app);
        var r = await p.ControlPost($"/_emulator/partners/{p.Uid}/icp/filings/ICP000000000000/approve");
        r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        JsonNode.Parse(await r.Content.ReadAsStringAsync())!["error"]!.ToString().Should().Contain("ICP000000000000");
        (await p.ControlPost("/_emulator/partners/1999999999999999/icp/filings/x/reject", new { reason = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await p.Control.GetAsync("/_emulator/partners/1999999999999999/bsn/numbers")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
