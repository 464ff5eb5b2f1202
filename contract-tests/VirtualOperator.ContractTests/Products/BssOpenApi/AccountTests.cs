using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.Products.BssOpenApi;

/// <summary>Account API: a partner's customers (GetCustomerList, CreateAgAccount, GetCustomerAccountInfo).</summary>
public sealed class AccountTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task GetCustomerList_AnswersBssEnvelopeWithUidArray()
    {
        var r = await fx.Client.CallAsync("GetCustomerList");

        var body = r.Json;
        body["Code"]!.GetValue<string>().Should().Be("200");
        body["Success"]!.GetValue<bool>().Should().BeTrue();
        body["RequestId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        body["Data"]!["UidList"].Should().BeOfType<JsonArray>();
    }

    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task GetCustomerList_V1WithoutFormat_AnswersXml()
    {
        var r = await fx.Client.CallAsync("GetCustomerList", options: CallOptions.V1Get with { Format = null });

        r.IsXml.Should().BeTrue(r.ContentType);
        r.Xml.Name.LocalName.Should().Be("GetCustomerListResponse");
        r.Xml.Element("Code")!.Value.Should().Be("200");
    }

    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task GetCustomerList_EveryWireForm_AnswersTheSameEnvelope()
    {
        CallOptions[] forms =
        [
            CallOptions.V3Json,
            new() { FormBody = true },
            CallOptions.V1Get,
            CallOptions.V1Post with { SignatureMethod = "HMAC-SHA256" },
        ];

        foreach (var form in forms)
        {
            var body = (await fx.Client.CallAsync("GetCustomerList", options: form)).Json;
            body["Code"]!.GetValue<string>().Should().Be("200", $"{form.Signature} {form.Method} form={form.FormBody} {form.SignatureMethod}");
            body["Data"]!["UidList"].Should().BeOfType<JsonArray>();
        }
    }

    [ContractFact, ParityCandidate, Cost(Cost.ConsumesCustomer)]
    public async Task CreateAgAccount_ThenListAndInfo_ShowTheNewCustomer()
    {
        var data = TestData.ForCurrentTest();
        var email = data.Email();

        var createResponse = await fx.Client.CallAsync("CreateAgAccount", new Dictionary<string, string>
        {
            ["LoginEmail"] = email, ["FirstName"] = data.FirstName(), ["LastName"] = data.LastName(),
            ["NationCode"] = "cn", ["CityName"] = data.City(), ["Postcode"] = data.Postcode(),
        });
        fx.MatchSnapshot("created", createResponse);
        var created = createResponse.Json;
        created["Success"]!.GetValue<bool>().Should().BeTrue();
        var relation = created["AgRelationDto"]!;
        var uid = relation["Pk"]!.GetValue<string>();
        relation["Mpk"]!.GetValue<string>().Should().Be(fx.Partner.Uid);
        uid.Should().MatchRegex("^[0-9]+$");

        var list = (await fx.Client.CallAsync("GetCustomerList")).Json;
        list["Data"]!["UidList"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(uid);

        var infoResponse = await fx.Client.CallAsync("GetCustomerAccountInfo", new Dictionary<string, string> { ["OwnerId"] = uid });
        fx.MatchSnapshot("info", infoResponse);
        var info = infoResponse.Json;
        info["Code"]!.GetValue<string>().Should().Be("200");
        info["Data"]!["LoginEmail"]!.GetValue<string>().Should().Be(email);
        info["Data"]!["Mpk"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(fx.Partner.Uid);
        info["Data"]!["IsCertified"]!.GetValue<bool>().Should().BeFalse("a new customer has not verified its identity");
    }

    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task CreateAgAccount_WithoutLoginEmail_FailsMissingParameter()
    {
        var call = () => fx.Client.CallAsync("CreateAgAccount", new Dictionary<string, string> { ["FirstName"] = "NoMail" });

        var e = (await call.Should().ThrowAsync<AcsApiException>()).Which;
        e.HttpStatus.Should().Be(400);
        e.Code.Should().Be("MissingParameter");
        e.Message.Should().Contain("LoginEmail");
        e.RequestId.Should().NotBeNullOrEmpty();
        fx.MatchSnapshot("error", e);
    }

    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task GetCustomerAccountInfo_OfUidNotOwned_FailsInvalidOwner()
    {
        var call = () => fx.Client.CallAsync("GetCustomerAccountInfo", new Dictionary<string, string> { ["OwnerId"] = "1999999999999999" });

        var e = (await call.Should().ThrowAsync<AcsApiException>()).Which;
        e.HttpStatus.Should().Be(400);
        e.Code.Should().Be("InvalidOwner");
        fx.MatchSnapshot("error", e);
    }

    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task AnyCall_WithWrongSecret_FailsSignatureDoesNotMatch()
    {
        var wrong = fx.Client.With(fx.Client.Credentials with { AccessKeySecret = "not-the-secret" });

        var e = (await wrong.Invoking(c => c.CallAsync(Bss.Product, Bss.Version, "GetCustomerList")).Should().ThrowAsync<AcsApiException>()).Which;
        e.Code.Should().Be("SignatureDoesNotMatch");
        e.HttpStatus.Should().Be(400);
    }

    [ContractFact, EmulatorOnly("needs a fresh partner to know the exact customer list"), Cost(Cost.Free)]
    public async Task GetCustomerList_OfFreshPartner_IsEmpty()
    {
        var partner = await fx.NewPartnerAsync();

        var r = (await partner.Client.CallAsync("GetCustomerList")).Json;
        r["Data"]!["UidList"]!.AsArray().Should().BeEmpty();
    }

    [ContractFact, EmulatorOnly("injects a fault through the control plane"), Cost(Cost.Free)]
    public async Task InjectedFault_ReachesTheClientAsTypedError()
    {
        var partner = await fx.NewPartnerAsync();
        await fx.ControlPlane.AddFaultAsync(partner.Uid, "Throttling.User", 400, action: "GetCustomerList");

        var e = (await partner.Client.Invoking(c => c.CallAsync(Bss.Product, Bss.Version, "GetCustomerList")).Should().ThrowAsync<AcsApiException>()).Which;
        e.Code.Should().Be("Throttling.User");
        (await partner.Client.CallAsync("GetCustomerList")).Json["Success"]!.GetValue<bool>().Should().BeTrue("the fault fires once");
    }
}
