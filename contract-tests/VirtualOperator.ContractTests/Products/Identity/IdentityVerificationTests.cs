using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Products.Sts;

namespace VirtualOperator.ContractTests.Products.Identity;

/// <summary>Identity verification: Aas GenerateAliyunBidCertWaysUrl, Crm QueryBidUserCertifiedInfo / RemoveIdentityCertifiedForBidUser.</summary>
public sealed class IdentityVerificationTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    private static Task<AcsResponse> Generate(AcsClient c, string pk) =>
        c.CallAsync("Aas", "2015-07-01", "GenerateAliyunBidCertWaysUrl", new Dictionary<string, string> { ["AliyunPk"] = pk });

    private static Task<AcsResponse> Crm(AcsClient c, string action, string pk) =>
        c.CallAsync("Crm", "2015-04-08", action, new Dictionary<string, string> { ["PK"] = pk }, CallOptions.V1Get);

    [ContractFact, ParityCandidate, Cost(Cost.ConsumesCustomer)]
    public async Task GenerateAliyunBidCertWaysUrl_ForOwnCustomer_AnswersAUrl()
    {
        var (pk, _) = await fx.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email());
        var r = (await Generate(fx.Client, pk)).Json;
        r["Success"]!.GetValue<bool>().Should().BeTrue();
        Uri.TryCreate(r["Data"]!.GetValue<string>(), UriKind.Absolute, out _).Should().BeTrue();
        r["RequestId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [ContractFact, EmulatorOnly("completes the verification through the control plane"), Cost(Cost.Free)]
    public async Task CompletedVerification_ShowsInQueryAndAccountInfo_RemoveClearsIt()
    {
        var partner = await fx.NewPartnerAsync();
        var (pk, _) = await partner.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email());
        await Generate(partner.Client, pk);
        JsonNode.Parse((await Crm(partner.Client, "QueryBidUserCertifiedInfo", pk)).Json["Result"]!.GetValue<string>())!["Status"]!
            .GetValue<string>().Should().Be("Pending");

        await fx.ControlPlane.PostAsync($"/_emulator/customers/{pk}/identity/complete", new { subjectType = "Enterprise", name = "Example Ltd" });

        var result = JsonNode.Parse((await Crm(partner.Client, "QueryBidUserCertifiedInfo", pk)).Json["Result"]!.GetValue<string>())!;
        result["IsCertified"]!.GetValue<bool>().Should().BeTrue();
        var info = await partner.Client.CallAsync("BssOpenApi", "2017-12-14", "GetCustomerAccountInfo", new Dictionary<string, string> { ["OwnerId"] = pk });
        info.Json["Data"]!["IsCertified"]!.GetValue<bool>().Should().BeTrue();

        (await Crm(partner.Client, "RemoveIdentityCertifiedForBidUser", pk)).Json["Result"]!.GetValue<string>().Should().Be("true");
        var again = (await partner.Client.Invoking(c => Crm(c, "RemoveIdentityCertifiedForBidUser", pk)).Should().ThrowAsync<AcsApiException>()).Which;
        again.Code.Should().Be("IdentityNotCertified");
    }

    [ContractFact, EmulatorOnly("the error code for another partner's customer is inferred for Aas/Crm"), Cost(Cost.Free)]
    public async Task IdentityCalls_ForAnotherPartnersCustomer_FailInvalidOwner()
    {
        var other = await fx.NewPartnerAsync();
        var (pk, _) = await other.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email());
        (await fx.Client.Invoking(c => Generate(c, pk)).Should().ThrowAsync<AcsApiException>()).Which.Code.Should().Be("InvalidOwner");
        (await fx.Client.Invoking(c => Crm(c, "QueryBidUserCertifiedInfo", pk)).Should().ThrowAsync<AcsApiException>()).Which.Code.Should().Be("InvalidOwner");
    }
}
