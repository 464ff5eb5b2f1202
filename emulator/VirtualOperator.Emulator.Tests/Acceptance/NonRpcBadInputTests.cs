using System.Net;
using System.Text;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Acceptance;

/// <summary>The browser pages outside the signed path (identity verification, the console's ICP wizard): a body that is not a form answers 4xx with a page, never a 500, and changes nothing.</summary>
public sealed class NonRpcBadInputTests(EmulatorFixture f) : IClassFixture<EmulatorFixture>
{
    private const string Aas = "2015-07-01";

    public static TheoryData<string, string> NotAForm() => new()
    {
        { "application/json", "{\"ticket\":\"x\",\"name\":\"Li Lei\"}" },
        { "text/plain", "ticket=x&name=Li" },
        { "application/octet-stream", "\u0000\u0001" },
        { "multipart/form-data", "no boundary" },
    };

    [Theory]
    [MemberData(nameof(NotAForm))]
    public async Task IdentityPage_BodyThatIsNotAForm_Answers4xx_AndCertifiesNothing(string contentType, string body)
    {
        var (p, pk, ticket) = await PendingVerification();
        var r = await p.Browser.PostAsync("/aas/cert?ticket=" + ticket, Body(contentType, body));
        ((int)r.StatusCode).Should().BeInRange(400, 499);
        (await r.Content.ReadAsStringAsync()).Should().NotBeEmpty();
        (await Status(p, pk)).Should().Be("Pending");
    }

    [Theory]
    [InlineData("Li\u0000Lei")]
    [InlineData("\u0000")]
    [InlineData("Li\u001fLei")]
    public async Task IdentityPage_ControlCharacterInAFormValue_Answers400_AndCertifiesNothing(string name)
    {
        var (p, pk, ticket) = await PendingVerification();
        var r = await p.Browser.PostAsync("/aas/cert", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["ticket"] = ticket, ["subjectType"] = "Individual\u0000", ["name"] = name }));
        r.StatusCode.Should().Be(HttpStatusCode.BadRequest, await r.Content.ReadAsStringAsync());
        (await Status(p, pk)).Should().Be("Pending");
    }

    [Theory]
    [MemberData(nameof(NotAForm))]
    public async Task ConsoleIcp_BodyThatIsNotAForm_Answers4xx_AndSavesNothing(string contentType, string body)
    {
        var p = await PartnerSession.StartAsync(f.App);
        var pk = await p.CreateCustomerAsync();
        var cookie = await p.LogonFreeAsync(pk);
        var req = new HttpRequestMessage(HttpMethod.Post, "/console/icp") { Content = Body(contentType, body) };
        req.Headers.Add("Cookie", cookie);
        var r = await p.Browser.SendAsync(req);
        ((int)r.StatusCode).Should().BeInRange(400, 499);
        (await r.Content.ReadAsStringAsync()).Should().NotBeEmpty();
        (await p.Control.GetAsync($"/_emulator/customers/{pk}/icp-draft")).StatusCode.Should().Be(HttpStatusCode.NotFound, "no draft was saved");

        var anonymous = await p.Browser.PostAsync("/console/icp", Body(contentType, body));
        ((int)anonymous.StatusCode).Should().BeInRange(400, 499);
    }

    [Theory]
    [MemberData(nameof(NotAForm))]
    public async Task FederationEndpoint_BodyThatIsNotAReadableForm_AnswersAnEnvelope_Not500(string contentType, string body)
    {
        var p = await PartnerSession.StartAsync(f.App);
        foreach (var type in new[] { contentType, "application/x-www-form-urlencoded", "multipart/form-data; boundary=x" })
        {
            var r = await p.Browser.PostAsync("/federation", Body(type, body));
            ((int)r.StatusCode).Should().BeInRange(400, 499, type);
            (await r.Content.ReadAsStringAsync()).Should().Contain("\"Code\"");
        }
    }

    private static HttpContent Body(string contentType, string body)
    {
        var c = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        c.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return c;
    }

    private async Task<(PartnerSession, string, string)> PendingVerification()
    {
        var p = await PartnerSession.StartAsync(f.App);
        var pk = await p.CreateCustomerAsync();
        var r = await p.Signed.V3("GenerateAliyunBidCertWaysUrl", Aas, new Dictionary<string, string> { ["AliyunPk"] = pk, ["BidType"] = "VirtualOperator" }, host: "aas.aliyuncs.com");
        var url = new Uri(r.Json["Data"]!.ToString());
        return (p, pk, System.Web.HttpUtility.ParseQueryString(url.Query)["ticket"]!);
    }

    private static async Task<string> Status(PartnerSession p, string pk) =>
        (await p.ControlGet($"/_emulator/customers/{pk}/identity"))["status"]!.ToString();
}
