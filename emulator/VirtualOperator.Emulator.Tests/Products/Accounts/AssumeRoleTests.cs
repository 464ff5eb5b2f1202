using System.Globalization;
using System.Net;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Accounts;

public sealed class AssumeRoleTests(EmulatorFixture f) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app = f.App;

    [Fact]
    public async Task AssumeRole_CustomerAdminRole_AnswersStsCredentialsExpiringInAnHourOfVirtualTime()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        var now = DateTimeOffset.Parse((await p.ControlGet($"/_emulator/partners/{p.Uid}/clock"))["now"]!.ToString(), CultureInfo.InvariantCulture);
        var r = await p.AssumeRole($"acs:ram::{pk}:role/ResellerAdminRole", "portal-alice");
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        var c = r.Json["Credentials"]!;
        c["AccessKeyId"]!.ToString().Should().StartWith("STS.");
        c["AccessKeySecret"]!.ToString().Should().NotBeEmpty();
        c["SecurityToken"]!.ToString().Should().NotBeEmpty();
        var exp = DateTimeOffset.Parse(c["Expiration"]!.ToString(), CultureInfo.InvariantCulture);
        c["Expiration"]!.ToString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        (exp - now).TotalSeconds.Should().BeInRange(3590, 3610);
        r.Json["AssumedRoleUser"]!["Arn"]!.ToString().Should().Be($"acs:ram::{pk}:role/ResellerAdminRole/portal-alice");
        r.Json["AssumedRoleUser"]!["AssumedRoleId"]!.ToString().Should().MatchRegex(@"^\d{18}:portal-alice$");
        r.Json["RequestId"]!.ToString().Should().NotBeEmpty();
    }

    [Fact]
    public async Task StsCredentials_ActAsTheCustomer_SeeOnlyThatCustomer()
    {
        var p = await PartnerSession.StartAsync(_app);
        var mine = await p.CreateCustomerAsync();
        var other = await p.CreateCustomerAsync();
        var sts = await p.AssumeCustomerRoleAsync(mine);
        var asCustomer = p.SignedAs(sts);

        var list = await asCustomer.V3("GetCustomerList", PartnerSession.Bss);
        list.Status.Should().Be(HttpStatusCode.OK, list.Text);
        list.Json["Data"]!["UidList"]!.AsArray().Select(x => x!.ToString()).Should().Equal(mine);

        (await asCustomer.V3("GetCustomerAccountInfo", PartnerSession.Bss, new Dictionary<string, string> { ["OwnerId"] = mine }))
            .Status.Should().Be(HttpStatusCode.OK);
        (await asCustomer.V3("GetCustomerAccountInfo", PartnerSession.Bss, new Dictionary<string, string> { ["OwnerId"] = other }))
            .Code.Should().Be("InvalidOwner");
        (await asCustomer.V3("CreateAgAccount", PartnerSession.Bss, new Dictionary<string, string> { ["LoginEmail"] = "x@example.com" }))
            .Code.Should().Be("NotApplicable");
        // V1 carries the token as the SecurityToken parameter.
        (await asCustomer.V1("GetCustomerList", PartnerSession.Bss)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StsCredentials_PastExpirationOnTheVirtualClock_InvalidSecurityTokenExpired()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        var sts = await p.AssumeCustomerRoleAsync(pk, duration: 900);
        await p.AdvanceClockAsync(TimeSpan.FromSeconds(899));
        (await p.SignedAs(sts).V3("GetCustomerList", PartnerSession.Bss)).Status.Should().Be(HttpStatusCode.OK);
        await p.AdvanceClockAsync(TimeSpan.FromSeconds(2));
        var r = await p.SignedAs(sts).V3("GetCustomerList", PartnerSession.Bss);
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("InvalidSecurityToken.Expired");
        // The partner's own keys are untouched.
        (await p.Signed.V3("GetCustomerList", PartnerSession.Bss)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ExpireControl_EndsStsCredentialsWithoutMovingTheClock()
    {
        var p = await PartnerSession.StartAsync(_app);
        var sts = await p.AssumeCustomerRoleAsync(await p.CreateCustomerAsync());
        (await p.ControlPost($"/_emulator/sts/credentials/{sts.AccessKeyId}/expire")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await p.SignedAs(sts).V3("GetCustomerList", PartnerSession.Bss)).Code.Should().Be("InvalidSecurityToken.Expired");
        (await p.ControlPost("/_emulator/sts/credentials/STS.NoSuchKey/expire")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StsCredentials_WithoutOrWithAnotherToken_AreRefused()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        var sts = await p.AssumeCustomerRoleAsync(pk);
        var other = await p.AssumeCustomerRoleAsync(pk);
        (await _app.Signed(sts.AccessKeyId, sts.Secret).V3("GetCustomerList", PartnerSession.Bss)).Code.Should().Be("MissingSecurityToken");
        (await _app.Signed(sts.AccessKeyId, sts.Secret, other.SecurityToken).V3("GetCustomerList", PartnerSession.Bss))
            .Code.Should().Be("InvalidSecurityToken.MismatchWithAccessKey");
    }

    [Theory]
    [InlineData("arn:aws:iam::123:role/x")]
    [InlineData("acs:ram::abc:role/ResellerAdminRole")]
    [InlineData("acs:ram::1234567890123456:user/ResellerAdminRole")]
    [InlineData("acs:ram::1234567890123456:role/")]
    public async Task AssumeRole_MalformedArn_InvalidParameterRoleArn(string arn)
    {
        var p = await PartnerSession.StartAsync(_app);
        var r = await p.AssumeRole(arn);
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("InvalidParameter.RoleArn");
    }

    [Fact]
    public async Task AssumeRole_RoleOfAnotherPartnersCustomer_NoPermission()
    {
        var a = await PartnerSession.StartAsync(_app);
        var b = await PartnerSession.StartAsync(_app);
        var pk = await a.CreateCustomerAsync();
        var r = await b.AssumeRole($"acs:ram::{pk}:role/ResellerAdminRole");
        r.Status.Should().Be(HttpStatusCode.Forbidden);
        r.Code.Should().Be("NoPermission");
        (await b.AssumeRole("acs:ram::1999999999999999:role/ResellerAdminRole")).Code.Should().Be("NoPermission");
    }

    [Fact]
    public async Task AssumeRole_UnknownRoleOfOwnCustomer_EntityNotExistRole()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        var r = await p.AssumeRole($"acs:ram::{pk}:role/SomeOtherRole");
        r.Status.Should().Be(HttpStatusCode.NotFound);
        r.Code.Should().Be("EntityNotExist.Role");
        (await p.AssumeRole($"acs:ram::{pk}:role/reselleradminrole")).Status.Should().Be(HttpStatusCode.OK, "RAM role names are case-insensitive");
    }

    [Theory]
    [InlineData(899)]
    [InlineData(3601)]
    [InlineData(43200)]
    public async Task AssumeRole_DurationOutOfRange_InvalidParameterDurationSeconds(long seconds)
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync();
        var r = await p.AssumeRole($"acs:ram::{pk}:role/ResellerAdminRole", duration: seconds);
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("InvalidParameter.DurationSeconds");
        r.Json["Message"]!.ToString().Should().Be("The Min/Max value of DurationSeconds is 15min/1hr.");
    }

    [Fact]
    public async Task AssumeRole_BadSessionNameOrPolicy_AreRefused()
    {
        var p = await PartnerSession.StartAsync(_app);
        var arn = $"acs:ram::{await p.CreateCustomerAsync()}:role/ResellerAdminRole";
        (await p.AssumeRole(arn, session: "a")).Code.Should().Be("InvalidParameter.RoleSessionName");
        (await p.AssumeRole(arn, session: "abc*abc")).Code.Should().Be("InvalidParameter.RoleSessionName");
        (await p.AssumeRole(arn, policy: "{not json")).Code.Should().Be("InvalidParameter.PolicyGrammar");
        var ok = await p.AssumeRole(arn, policy: """{"Version":"1","Statement":[{"Effect":"Allow","Action":"bss:*","Resource":"*"}]}""");
        ok.Status.Should().Be(HttpStatusCode.OK, ok.Text);
    }
}
