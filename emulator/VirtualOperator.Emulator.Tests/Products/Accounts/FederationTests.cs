using System.Net;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Accounts;

public sealed class FederationTests(EmulatorFixture f) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app = f.App;

    [Fact]
    public async Task GetSigninToken_ValidStsCredentials_AnswersRequestIdAndToken()
    {
        var p = await PartnerSession.StartAsync(_app);
        var sts = await p.AssumeCustomerRoleAsync(await p.CreateCustomerAsync());
        var r = await p.GetSigninToken(sts);
        r.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject();
        body.Select(kv => kv.Key).Should().BeEquivalentTo("RequestId", "SigninToken");
        body["SigninToken"]!.ToString().Should().HaveLength(96);
    }

    [Fact]
    public async Task GetSigninToken_BadCredentials_AnswerTheStsCodes()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        var sts = await p.AssumeCustomerRoleAsync(pk);
        var other = await p.AssumeCustomerRoleAsync(pk);
        await Expect(p.GetSigninToken(sts with { SecurityToken = other.SecurityToken }), 400, "InvalidSecurityToken.MismatchWithAccessKey");
        await Expect(p.GetSigninToken(sts with { Secret = "wrong" }), 400, "InvalidAccessKeySecret");
        await Expect(p.GetSigninToken(sts with { AccessKeyId = "STS.NTnosuchkey" }), 404, "InvalidAccessKeyId.NotFound");
        await Expect(p.GetSigninToken(new StsKeys(p.Keys.AccessKeyId, p.Keys.Secret, "x", "")), 400, "InvalidParameter.AccessKeyId");
        await Expect(p.GetSigninToken(sts, ticketType: "bogus"), 400, "InvalidParameter.TicketType");
        await Expect(p.Browser.GetAsync("/federation?Action=GetSigninToken&AccessKeyId=x"), 400, "MissingParameter");
        await p.AdvanceClockAsync(TimeSpan.FromSeconds(3601));
        await Expect(p.GetSigninToken(sts), 400, "InvalidSecurityToken.Expired");
    }

    [Fact]
    public async Task Login_GoodToken_SetsSessionAndRedirectsToDestination_TokenIsSingleUse()
    {
        var p = await PartnerSession.StartAsync(_app);
        var sts = await p.AssumeCustomerRoleAsync(await p.CreateCustomerAsync());
        var token = await p.SigninTokenAsync(sts);
        var first = await p.Login(token, "http://localhost/console/home", "http://127.0.0.1:9/login");
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        first.Headers.Location!.ToString().Should().Be("http://localhost/console/home");
        first.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("vo_console_session=") && c.Contains("samesite=lax") && c.Contains("httponly"));

        var second = await p.Login(token, "http://localhost/console/home", "http://127.0.0.1:9/login");
        second.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.Headers.Location!.ToString().Should().Be("http://127.0.0.1:9/login");
        second.Headers.GetValues("X-Emulator-Signin-Error").Should().Equal("SigninToken.Used");
        second.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task SigninCalls_AppearInThePartnersRequestJournal()
    {
        var p = await PartnerSession.StartAsync(_app);
        var sts = await p.AssumeCustomerRoleAsync(await p.CreateCustomerAsync());
        var token = await p.SigninTokenAsync(sts);
        await p.Login(token);
        await p.Login(token);
        var entries = (await p.ControlGet($"/_emulator/partners/{p.Uid}/requests")).AsArray()
            .Where(e => e!["product"]!.ToString() == "Federation").Select(e => $"{e!["action"]} {e["httpStatus"]} {e["code"]}").ToList();
        entries.Should().Equal("Login 302 SigninToken.Used", "Login 302 302", "GetSigninToken 200 200");
    }

    [Fact]
    public async Task Login_TokenOlderThan30Seconds_IsRefused()
    {
        var p = await PartnerSession.StartAsync(_app);
        var sts = await p.AssumeCustomerRoleAsync(await p.CreateCustomerAsync());
        var token = await p.SigninTokenAsync(sts);
        await p.AdvanceClockAsync(TimeSpan.FromSeconds(31));
        var r = await p.Login(token);
        r.Headers.GetValues("X-Emulator-Signin-Error").Should().Equal("SigninToken.Expired");
        r.Headers.Location!.ToString().Should().Be("http://127.0.0.1:9/partner/login");
    }

    [Fact]
    public async Task Login_ExpireControlOnToken_AndBadParameters()
    {
        var p = await PartnerSession.StartAsync(_app);
        var sts = await p.AssumeCustomerRoleAsync(await p.CreateCustomerAsync());
        var token = await p.SigninTokenAsync(sts);
        (await p.ControlPost($"/_emulator/federation/signin-tokens/{token}/expire")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await p.Login(token)).Headers.GetValues("X-Emulator-Signin-Error").Should().Equal("SigninToken.Expired");
        (await p.Login("unknown-token")).Headers.GetValues("X-Emulator-Signin-Error").Should().Equal("SigninToken.Unknown");
        await Expect(p.Login(await p.SigninTokenAsync(sts), destination: "console/home"), 400, "InvalidParameter.Destination");
        await Expect(p.Browser.GetAsync("/federation?Action=Nope"), 404, "InvalidAction.NotFound");
    }

    [Fact]
    public async Task Login_RealConsoleDestination_IsMappedToTheEmulatedPage()
    {
        var p = await PartnerSession.StartAsync(_app);
        var sts = await p.AssumeCustomerRoleAsync(await p.CreateCustomerAsync());
        var r = await p.Login(await p.SigninTokenAsync(sts), "https://beian.aliyun.com/order/selfBaIndex.htm");
        r.Headers.Location!.AbsolutePath.Should().Be("/console/icp");
    }

    [Fact]
    public async Task ConsolePages_NeedASession_AndAreFramable()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        var anonymous = await p.Browser.GetAsync("/console/home");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var cookie = await p.LogonFreeAsync(pk);
        foreach (var page in new[] { "/console/home", "/console/buy", "/console/icp" })
        {
            var r = await p.Page(cookie, page);
            r.Status.Should().Be(HttpStatusCode.OK, page);
            r.Html.Should().Contain(pk);
        }
        var raw = await p.Browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/console/home") { Headers = { { "Cookie", cookie } } });
        raw.Headers.Contains("X-Frame-Options").Should().BeFalse();
        raw.Headers.GetValues("Content-Security-Policy").Should().Equal("frame-ancestors *");
        (await p.Page(cookie, "/console/buy", new Dictionary<string, string> { ["product"] = "ECS" })).Status.Should().Be(HttpStatusCode.NotImplemented);
    }

    [Fact]
    public async Task IcpWizard_SessionExpiresAfterAnHour_DraftIsKeptAndResumedAfterNewLogon()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        var cookie = await p.LogonFreeAsync(pk);

        var s1 = await p.Page(cookie, "/console/icp", new Dictionary<string, string>
            { ["step"] = "1", ["SubjectType"] = "Enterprise", ["SubjectName"] = "Example Ltd", ["CertificateNumber"] = "91330100MA2" });
        s1.Status.Should().Be(HttpStatusCode.Redirect);
        s1.Location!.ToString().Should().Be("/console/icp?step=2");
        (await p.Page(cookie, "/console/icp", new Dictionary<string, string> { ["step"] = "2", ["Domain"] = "example.cn", ["SiteName"] = "Example" }))
            .Status.Should().Be(HttpStatusCode.Redirect);
        (await p.Page(cookie, "/console/icp")).Html.Should().Contain("data-step=\"3\"");

        await p.AdvanceClockAsync(TimeSpan.FromMinutes(59));
        (await p.Page(cookie, "/console/icp")).Status.Should().Be(HttpStatusCode.OK);
        await p.AdvanceClockAsync(TimeSpan.FromMinutes(2));
        var expired = await p.Page(cookie, "/console/icp", new Dictionary<string, string>
            { ["step"] = "3", ["ContactName"] = "Li", ["ContactPhone"] = "13800000000", ["ContactEmail"] = "li@example.cn" });
        expired.Status.Should().Be(HttpStatusCode.Unauthorized);
        expired.Html.Should().Contain("Login expired").And.Contain("url=http://127.0.0.1:9/partner/login");

        var draft = await p.ControlGet($"/_emulator/customers/{pk}/icp-draft");
        draft["currentStep"]!.GetValue<int>().Should().Be(3);
        draft["fields"]!["Domain"]!.ToString().Should().Be("example.cn");

        var again = await p.LogonFreeAsync(pk);
        var resumed = await p.Page(again, "/console/icp");
        resumed.Status.Should().Be(HttpStatusCode.OK);
        resumed.Html.Should().Contain("data-step=\"3\"");
        (await p.Page(again, "/console/icp?step=1")).Html.Should().Contain("value=\"Example Ltd\"");
    }

    [Fact]
    public async Task IcpWizard_MissingFieldsOrSkippedStep_AreRefusedWithoutSaving()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        var cookie = await p.LogonFreeAsync(pk);
        var missing = await p.Page(cookie, "/console/icp", new Dictionary<string, string> { ["step"] = "1", ["SubjectType"] = "Individual" });
        missing.Status.Should().Be(HttpStatusCode.BadRequest);
        missing.Html.Should().Contain("Please fill in");
        (await p.Page(cookie, "/console/icp", new Dictionary<string, string> { ["step"] = "3" })).Status.Should().Be(HttpStatusCode.BadRequest);
        (await p.Control.GetAsync($"/_emulator/customers/{pk}/icp-draft")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ConsoleSessionExpireControl_ShowsLoginExpiredWithoutMovingTheClock()
    {
        var p = await PartnerSession.StartAsync(_app);
        var cookie = await p.LogonFreeAsync(await p.CreateCustomerAsync());
        var sessions = (await p.ControlGet($"/_emulator/partners/{p.Uid}/console/sessions")).AsArray();
        sessions.Should().ContainSingle();
        var id = sessions[0]!["sessionId"]!.ToString();
        cookie.Should().Be("vo_console_session=" + id);
        (await p.ControlPost($"/_emulator/console/sessions/{id}/expire")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await p.Page(cookie, "/console/home")).Html.Should().Contain("data-testid=\"login-expired\"");
    }

    [Fact]
    public async Task IcpWizard_SubmitWithoutAUsableServiceNumber_IsRefusedAndTheDraftStaysEditable()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        var cookie = await p.LogonFreeAsync(pk);
        var steps = new[]
        {
            new Dictionary<string, string> { ["step"] = "1", ["SubjectType"] = "Individual", ["SubjectName"] = "Wang Fang", ["CertificateNumber"] = "110101199001011234" },
            new Dictionary<string, string> { ["step"] = "2", ["Domain"] = "wang.cn", ["SiteName"] = "Wang" },
            new Dictionary<string, string> { ["step"] = "3", ["ContactName"] = "Wang Fang", ["ContactPhone"] = "13900000000", ["ContactEmail"] = "w@wang.cn" },
        };
        foreach (var form in steps) (await p.Page(cookie, "/console/icp", form)).Status.Should().Be(HttpStatusCode.Redirect);
        (await p.Page(cookie, "/console/icp")).Html.Should().Contain("data-testid=\"icp-review\"").And.Contain("wang.cn");
        var empty = await p.Page(cookie, "/console/icp", new Dictionary<string, string> { ["step"] = "4" });
        empty.Status.Should().Be(HttpStatusCode.BadRequest);
        empty.Html.Should().Contain("Please fill in: ICP service number");
        var unknown = await p.Page(cookie, "/console/icp", new Dictionary<string, string> { ["step"] = "4", ["ServiceNumber"] = "NOSUCHNUMBER0000" });
        unknown.Status.Should().Be(HttpStatusCode.BadRequest);
        unknown.Html.Should().Contain("The service number was refused").And.Contain("code 406");
        var draft = await p.ControlGet($"/_emulator/customers/{pk}/icp-draft");
        draft["status"]!.ToString().Should().Be("Draft");
        draft["fields"]!["ServiceNumber"]!.ToString().Should().Be("NOSUCHNUMBER0000");
        (await p.ControlGet($"/_emulator/partners/{p.Uid}/icp/filings")).AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task IcpWizard_JsonBody_IsRefusedWith415NotA500()
    {
        var p = await PartnerSession.StartAsync(_app);
        var cookie = await p.LogonFreeAsync(await p.CreateCustomerAsync());
        var req = new HttpRequestMessage(HttpMethod.Post, "/console/icp") { Content = new StringContent("{\"step\":1}", System.Text.Encoding.UTF8, "application/json") };
        req.Headers.Add("Cookie", cookie);
        var r = await p.Browser.SendAsync(req);
        r.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task PartnerReset_EndsStsCredentialsSessionsAndDrafts()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        var sts = await p.AssumeCustomerRoleAsync(pk);
        var cookie = await p.LogonFreeAsync(pk);
        (await p.Page(cookie, "/console/icp", new Dictionary<string, string>
            { ["step"] = "1", ["SubjectType"] = "Individual", ["SubjectName"] = "A", ["CertificateNumber"] = "1" })).Status.Should().Be(HttpStatusCode.Redirect);

        (await p.ControlPost($"/_emulator/partners/{p.Uid}/reset")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await p.SignedAs(sts).V3("GetCustomerList", PartnerSession.Bss)).Code.Should().Be("InvalidAccessKeyId.NotFound");
        (await p.Page(cookie, "/console/home")).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await p.Control.GetAsync($"/_emulator/customers/{pk}/icp-draft")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await p.ControlGet($"/_emulator/partners/{p.Uid}/messages")).AsArray().Should().BeEmpty();
    }

    private static async Task Expect(Task<HttpResponseMessage> call, int status, string code)
    {
        var r = await call;
        var text = await r.Content.ReadAsStringAsync();
        ((int)r.StatusCode).Should().Be(status, text);
        JsonNode.Parse(text)!["Code"]!.ToString().Should().Be(code);
    }
}
