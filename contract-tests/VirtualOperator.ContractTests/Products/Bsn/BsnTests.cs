using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Products.Sts;

namespace VirtualOperator.ContractTests.Products.Bsn;

/// <summary>ICP service numbers (Bsn 2015-05-12): Bsn's numeric error codes, as pop-core sends the calls (V1, capitalized names).</summary>
public sealed class BsnTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    public const string Version = "2015-05-12";

    public static Task<AcsResponse> Call(AcsClient c, string action, Dictionary<string, string> p) =>
        c.CallAsync("Bsn", Version, action, p, CallOptions.V1Get);

    private static async Task<AcsApiException> Refused(AcsClient c, string action, Dictionary<string, string> p) =>
        (await c.Invoking(x => Call(x, action, p)).Should().ThrowAsync<AcsApiException>()).Which;

    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task GetBsnBySn_UnknownNumber_Is406WithHttp400()
    {
        var e = await Refused(fx.Client, "GetBsnBySn", new() { ["Sn"] = "NOSUCHNUMBER0000" });
        e.Code.Should().Be("406");
        e.HttpStatus.Should().Be(400);
        e.RequestId.Should().NotBeNullOrEmpty();
    }

    [ContractFact, EmulatorOnly("the order of Bsn's checks (count, account, instance) is inferred"), Cost(Cost.Free)]
    public async Task ProductBindBsn_Refusals_NumOutOfRange603_ForeignCustomer401_NoSuchInstance402_Missing602()
    {
        var data = TestData.ForCurrentTest();
        var (mine, _) = await fx.Client.CreateCustomerAsync(data.Email());
        var other = await fx.NewPartnerAsync();
        var (theirs, _) = await other.Client.CreateCustomerAsync(data.Email());
        Dictionary<string, string> Bind(string aliuid, string num) =>
            new() { ["Aliuid"] = aliuid, ["Num"] = num, ["ResourceId"] = "i-nosuchinstance", ["ResourceType"] = "1" };
        (await Refused(fx.Client, "ProductBindBsn", Bind(mine, "21"))).Code.Should().Be("603");
        (await Refused(fx.Client, "ProductBindBsn", Bind(theirs, "1"))).Code.Should().Be("401");
        (await Refused(fx.Client, "ProductBindBsn", Bind(mine, "1"))).Code.Should().Be("402");
        var missing = Bind(mine, "1");
        missing.Remove("ResourceId");
        (await Refused(fx.Client, "ProductBindBsn", missing)).Code.Should().Be("602");
    }
}
