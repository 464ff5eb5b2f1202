using System.Net;
using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Products.Sts;
using VirtualOperator.ContractTests.Targets;

namespace VirtualOperator.ContractTests.Products.Federation;

/// <summary>
/// The logon-free console sign-in (GetSigninToken, Login) and the console pages it opens. The sign-in service is a
/// browser-facing host the contract client does not sign for, so these run against the emulator's origin only.
/// </summary>
public sealed class SigninTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    private const string Why = "the sign-in service and console are served on the emulator's own origin";

    /// <summary>A browser that shows every hop: no redirects followed, no cookies kept.</summary>
    private HttpClient Browser => fx.Target.Kind == TargetKind.Url
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fx.ControlPlane.Http.BaseAddress }
        : fx.ControlPlane.Http;

    private async Task<(PartnerSession Partner, AcsCredentials Sts, string CustomerUid)> StsForNewCustomerAsync()
    {
        var partner = await fx.NewPartnerAsync();
        var (uid, arn) = await partner.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email());
        return (partner, (await partner.Client.AssumeRoleAsync(arn)).StsCredentials(), uid);
    }

    private Task<HttpResponseMessage> GetSigninToken(AcsCredentials sts) =>
        Browser.GetAsync("/federation?Action=GetSigninToken&TicketType=mini" +
            $"&AccessKeyId={Uri.EscapeDataString(sts.AccessKeyId)}&AccessKeySecret={Uri.EscapeDataString(sts.AccessKeySecret)}" +
            $"&SecurityToken={Uri.EscapeDataString(sts.SecurityToken!)}");

    private Task<HttpResponseMessage> Login(string token, string destination, string loginUrl = "http://127.0.0.1:9/partner/login") =>
        Browser.GetAsync($"/federation?Action=Login&LoginUrl={Uri.EscapeDataString(loginUrl)}" +
            $"&Destination={Uri.EscapeDataString(destination)}&SigninToken={Uri.EscapeDataString(token)}");

    private async Task<string> TokenAsync(AcsCredentials sts)
    {
        var r = await GetSigninToken(sts);
        r.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonNode.Parse(await r.Content.ReadAsStringAsync())!["SigninToken"]!.GetValue<string>();
    }

    private Task<HttpResponseMessage> Page(string path, string cookie) =>
        Browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Cookie", cookie } } });

    [ContractFact, EmulatorOnly(Why), Cost(Cost.Free)]
    public async Task GetSigninToken_ThenLogin_RedirectsToDestinationWithAnHourLongSession()
    {
        var (partner, sts, uid) = await StsForNewCustomerAsync();
        var t = await GetSigninToken(sts);
        t.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonNode.Parse(await t.Content.ReadAsStringAsync())!;
        body["RequestId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        var token = body["SigninToken"]!.GetValue<string>();

        var destination = new Uri(fx.ControlPlane.Http.BaseAddress!, "/console/home").ToString();
        var login = await Login(token, destination);
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.ToString().Should().Be(destination);
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        var home = await Page("/console/home", cookie);
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).Should().Contain(uid);

        await fx.ControlPlane.AdvanceClockAsync(partner.Uid, TimeSpan.FromMinutes(61));
        var expired = await Page("/console/home", cookie);
        expired.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await expired.Content.ReadAsStringAsync()).Should().Contain("Login expired").And.Contain("http://127.0.0.1:9/partner/login");
    }

    [ContractFact, EmulatorOnly(Why), Cost(Cost.Free)]
    public async Task SigninToken_IsSingleUseAndLivesThirtySeconds()
    {
        var (partner, sts, _) = await StsForNewCustomerAsync();
        var destination = new Uri(fx.ControlPlane.Http.BaseAddress!, "/console/home").ToString();
        var token = await TokenAsync(sts);
        (await Login(token, destination)).Headers.Location!.ToString().Should().Be(destination);
        var reused = await Login(token, destination);
        reused.Headers.Location!.ToString().Should().Be("http://127.0.0.1:9/partner/login");
        reused.Headers.GetValues("X-Emulator-Signin-Error").Should().Equal("SigninToken.Used");

        var late = await TokenAsync(sts);
        await fx.ControlPlane.AdvanceClockAsync(partner.Uid, TimeSpan.FromSeconds(31));
        (await Login(late, destination)).Headers.GetValues("X-Emulator-Signin-Error").Should().Equal("SigninToken.Expired");
    }

    [ContractFact, EmulatorOnly(Why), Cost(Cost.Free)]
    public async Task GetSigninToken_WithBadOrExpiredStsCredentials_AnswersStsCodes()
    {
        var (partner, sts, _) = await StsForNewCustomerAsync();
        await Expect(GetSigninToken(sts with { SecurityToken = "CAISnot-the-token" }), 400, "InvalidSecurityToken.MismatchWithAccessKey");
        await Expect(GetSigninToken(sts with { AccessKeyId = "STS.NTunknown" }), 404, "InvalidAccessKeyId.NotFound");
        await fx.ControlPlane.AdvanceClockAsync(partner.Uid, TimeSpan.FromSeconds(3601));
        await Expect(GetSigninToken(sts), 400, "InvalidSecurityToken.Expired");
    }

    [ContractFact, EmulatorOnly(Why), Cost(Cost.Free)]
    public async Task IcpWizard_DraftSurvivesLoginExpiry()
    {
        var (partner, sts, uid) = await StsForNewCustomerAsync();
        var icp = new Uri(fx.ControlPlane.Http.BaseAddress!, "/console/icp").ToString();
        var cookie = (await Login(await TokenAsync(sts), icp)).Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        var step1 = new HttpRequestMessage(HttpMethod.Post, "/console/icp")
        {
            Headers = { { "Cookie", cookie } },
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
                { ["step"] = "1", ["SubjectType"] = "Individual", ["SubjectName"] = "Wang Fang", ["CertificateNumber"] = "110101199001011234" }),
        };
        (await Browser.SendAsync(step1)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await fx.ControlPlane.AdvanceClockAsync(partner.Uid, TimeSpan.FromMinutes(61));
        (await Page("/console/icp", cookie)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var again = (await Login(await TokenAsync((await partner.Client.AssumeRoleAsync($"acs:ram::{uid}:role/ResellerAdminRole")).StsCredentials()), icp))
            .Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var resumed = await (await Page("/console/icp?step=1", again)).Content.ReadAsStringAsync();
        resumed.Should().Contain("value=\"Wang Fang\"");
        (await (await Page("/console/icp", again)).Content.ReadAsStringAsync()).Should().Contain("data-step=\"2\"");
    }

    private static async Task Expect(Task<HttpResponseMessage> call, int status, string code)
    {
        var r = await call;
        var text = await r.Content.ReadAsStringAsync();
        ((int)r.StatusCode).Should().Be(status, text);
        var e = AcsClient.ParseError((int)r.StatusCode, r.Content.Headers.ContentType?.ToString() ?? "", text, null);
        e.Code.Should().Be(code);
        e.RequestId.Should().NotBeNullOrEmpty();
    }
}
