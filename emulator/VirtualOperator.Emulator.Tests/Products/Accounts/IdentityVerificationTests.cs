using System.Net;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Accounts;

public sealed class IdentityVerificationTests(EmulatorFixture f) : IClassFixture<EmulatorFixture>
{
    private const string Aas = "2015-07-01";
    private const string Crm = "2015-04-08";
    private readonly EmulatorApplication _app = f.App;

    private static Task<ApiResult> Generate(PartnerSession p, string pk) =>
        p.Signed.V3("GenerateAliyunBidCertWaysUrl", Aas, new Dictionary<string, string> { ["AliyunPk"] = pk, ["BidType"] = "VirtualOperator" }, host: "aas.aliyuncs.com");

    private static Task<ApiResult> Query(PartnerSession p, string pk) =>
        p.Signed.V1("QueryBidUserCertifiedInfo", Crm, new Dictionary<string, string> { ["PK"] = pk });

    private static Task<ApiResult> Remove(PartnerSession p, string pk) =>
        p.Signed.V1("RemoveIdentityCertifiedForBidUser", Crm, new Dictionary<string, string> { ["PK"] = pk });

    private static async Task<bool> IsCertified(PartnerSession p, string pk) =>
        (await p.Signed.V3("GetCustomerAccountInfo", PartnerSession.Bss, new Dictionary<string, string> { ["OwnerId"] = pk }))
            .Json["Data"]!["IsCertified"]!.GetValue<bool>();

    [Fact]
    public async Task EndCustomerCompletesVerificationOnTheUrlPage_StateShowsEverywhere()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        var r = await Generate(p, pk);
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.Json["Success"]!.GetValue<bool>().Should().BeTrue();
        r.Json["HttpCode"]!.ToString().Should().Be("200");
        var url = new Uri(r.Json["Data"]!.ToString());
        url.AbsolutePath.Should().Be("/aas/cert");

        var page = await p.Browser.GetAsync(url.PathAndQuery);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("Pending");
        JsonNode.Parse((await Query(p, pk)).Json["Result"]!.ToString())!["Status"]!.ToString().Should().Be("Pending");

        var ticket = System.Web.HttpUtility.ParseQueryString(url.Query)["ticket"]!;
        var done = await p.Browser.PostAsync("/aas/cert", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["ticket"] = ticket, ["subjectType"] = "Enterprise", ["name"] = "Example Ltd" }));
        done.StatusCode.Should().Be(HttpStatusCode.OK);
        (await done.Content.ReadAsStringAsync()).Should().Contain("Certified");

        (await IsCertified(p, pk)).Should().BeTrue();
        var q = JsonNode.Parse((await Query(p, pk)).Json["Result"]!.ToString())!;
        q["IsCertified"]!.GetValue<bool>().Should().BeTrue();
        q["SubjectType"]!.ToString().Should().Be("Enterprise");
        var events = (await p.ControlGet($"/_emulator/partners/{p.Uid}/messages")).AsArray().Select(m => m!["eventType"]!.ToString());
        events.Should().Equal("CustomerCreated", "IdentityVerificationCompleted");
    }

    [Fact]
    public async Task RemoveIdentityCertified_ClearsState_SecondRemoveIsRefused()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        (await p.ControlPost($"/_emulator/customers/{pk}/identity/complete", new { subjectType = "Individual", name = "Li Lei" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await IsCertified(p, pk)).Should().BeTrue();

        var r = await Remove(p, pk);
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.Json["Result"]!.ToString().Should().Be("true");
        (await IsCertified(p, pk)).Should().BeFalse();
        var again = await Remove(p, pk);
        again.Status.Should().Be(HttpStatusCode.BadRequest);
        again.Code.Should().Be("IdentityNotCertified");
        (await p.ControlGet($"/_emulator/partners/{p.Uid}/messages")).AsArray().Select(m => m!["eventType"]!.ToString())
            .Should().EndWith(["IdentityVerificationCompleted", "IdentityVerificationRemoved"]);
    }

    [Fact]
    public async Task RejectControl_LeavesCustomerUncertified_AndRecordsEvent()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        await Generate(p, pk);
        var rej = await p.ControlPost($"/_emulator/customers/{pk}/identity/reject", new { reason = "Blurred photo" });
        rej.StatusCode.Should().Be(HttpStatusCode.OK);
        var state = await p.ControlGet($"/_emulator/customers/{pk}/identity");
        state["status"]!.ToString().Should().Be("Rejected");
        state["rejectReason"]!.ToString().Should().Be("Blurred photo");
        (await IsCertified(p, pk)).Should().BeFalse();
        JsonNode.Parse((await Query(p, pk)).Json["Result"]!.ToString())!["Status"]!.ToString().Should().Be("Rejected");
        (await p.ControlGet($"/_emulator/partners/{p.Uid}/messages")).AsArray().Last()!["eventType"]!.ToString().Should().Be("IdentityVerificationRejected");
    }

    [Fact]
    public async Task IdentityCalls_ForAnotherPartnersCustomerOrWithoutPk_AreRefused()
    {
        var a = await PartnerSession.StartAsync(_app);
        var b = await PartnerSession.StartAsync(_app);
        var pk = await a.CreateCustomerAsync();
        (await Generate(b, pk)).Code.Should().Be("InvalidOwner");
        (await Query(b, pk)).Code.Should().Be("InvalidOwner");
        (await Remove(b, pk)).Code.Should().Be("InvalidOwner");
        (await b.Signed.V1("QueryBidUserCertifiedInfo", Crm)).Code.Should().Be("MissingParameter");
        (await b.Signed.V3("GenerateAliyunBidCertWaysUrl", Aas, host: "aas.aliyuncs.com")).Code.Should().Be("MissingParameter");
        (await a.Browser.GetAsync("/aas/cert?ticket=nope")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
