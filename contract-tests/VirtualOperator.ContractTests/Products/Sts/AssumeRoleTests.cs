using System.Globalization;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.Products.Sts;

/// <summary>STS AssumeRole on a customer's admin role, and calls signed with the credentials it answers.</summary>
public sealed class AssumeRoleTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    [ContractFact, ParityCandidate, Cost(Cost.ConsumesCustomer)]
    public async Task AssumeRole_OnOwnCustomersAdminRole_AnswersStsCredentialsThatActAsTheCustomer()
    {
        var (uid, arn) = await fx.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email());

        var r = await fx.Client.AssumeRoleAsync(arn, duration: 900);
        var body = r.Json;
        body["RequestId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        var c = body["Credentials"]!;
        // Recordings scrub key ids, so the prefix is checked wherever the answer is live.
        if (fx.Target.Kind != Targets.TargetKind.Replay) c["AccessKeyId"]!.GetValue<string>().Should().StartWith("STS.");
        c["AccessKeySecret"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        c["SecurityToken"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        DateTimeOffset.ParseExact(c["Expiration"]!.GetValue<string>(), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        body["AssumedRoleUser"]!["Arn"]!.GetValue<string>().Should().Be(arn + "/contract-portal");
        body["AssumedRoleUser"]!["AssumedRoleId"]!.GetValue<string>().Should().EndWith(":contract-portal");

        var asCustomer = fx.Target.ClientFor(r.StsCredentials());
        var list = (await asCustomer.CallAsync("BssOpenApi", "2017-12-14", "GetCustomerList")).Json;
        list["Data"]!["UidList"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(uid);
    }

    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task AssumeRole_DurationOutOfRange_FailsInvalidParameterDurationSeconds()
    {
        var e = (await fx.Client.Invoking(c => c.AssumeRoleAsync($"acs:ram::{fx.Partner.Uid}:role/ResellerAdminRole", duration: 899))
            .Should().ThrowAsync<AcsApiException>()).Which;
        e.Code.Should().Be("InvalidParameter.DurationSeconds");
        e.Message.Should().Contain("The Min/Max value of DurationSeconds is 15min/1hr.");
        e.HttpStatus.Should().Be(400);
    }

    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task AssumeRole_BadSessionName_FailsInvalidParameterRoleSessionName()
    {
        var e = (await fx.Client.Invoking(c => c.AssumeRoleAsync($"acs:ram::{fx.Partner.Uid}:role/ResellerAdminRole", session: "a*b"))
            .Should().ThrowAsync<AcsApiException>()).Which;
        e.Code.Should().Be("InvalidParameter.RoleSessionName");
    }

    [ContractFact, EmulatorOnly("the code for a malformed RoleArn is inferred; no real answer recorded yet"), Cost(Cost.Free)]
    public async Task AssumeRole_MalformedArn_FailsInvalidParameterRoleArn()
    {
        var e = (await fx.Client.Invoking(c => c.AssumeRoleAsync("acs:ram::not-a-uid:role/x")).Should().ThrowAsync<AcsApiException>()).Which;
        e.Code.Should().Be("InvalidParameter.RoleArn");
        e.HttpStatus.Should().Be(400);
    }

    [ContractFact, EmulatorOnly("needs a second, fresh partner"), Cost(Cost.Free)]
    public async Task AssumeRole_OnAnotherPartnersCustomer_FailsNoPermission()
    {
        var other = await fx.NewPartnerAsync();
        var (_, arn) = await other.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email());
        var e = (await fx.Client.Invoking(c => c.AssumeRoleAsync(arn)).Should().ThrowAsync<AcsApiException>()).Which;
        e.Code.Should().Be("NoPermission");
        e.HttpStatus.Should().Be(403);
    }

    [ContractFact, EmulatorOnly("moves the partner's virtual clock past Expiration"), Cost(Cost.Free)]
    public async Task StsCredentials_AfterExpiration_FailInvalidSecurityTokenExpired()
    {
        var partner = await fx.NewPartnerAsync();
        var (_, arn) = await partner.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email());
        var asCustomer = fx.Target.ClientFor((await partner.Client.AssumeRoleAsync(arn, duration: 900)).StsCredentials());
        (await asCustomer.CallAsync("BssOpenApi", "2017-12-14", "GetCustomerList")).Json["Success"]!.GetValue<bool>().Should().BeTrue();

        await fx.ControlPlane.AdvanceClockAsync(partner.Uid, TimeSpan.FromSeconds(901));

        var e = (await asCustomer.Invoking(c => c.CallAsync("BssOpenApi", "2017-12-14", "GetCustomerList")).Should().ThrowAsync<AcsApiException>()).Which;
        e.Code.Should().Be("InvalidSecurityToken.Expired");
        e.HttpStatus.Should().Be(400);
    }

    [ContractFact, EmulatorOnly("needs a fresh test partner and moves its clock a month"), Cost(Cost.Free)]
    public async Task TestAccount_After31Days_EveryCallFailsTestAccountExpired()
    {
        var partner = await fx.NewPartnerAsync();
        await fx.ControlPlane.AdvanceClockAsync(partner.Uid, TimeSpan.FromDays(31));
        var e = (await partner.Client.Invoking(c => c.AssumeRoleAsync("acs:ram::1:role/x")).Should().ThrowAsync<AcsApiException>()).Which;
        e.Code.Should().Be("Forbidden.TestAccountExpired");
        e.HttpStatus.Should().Be(403);
    }
}
