using System.Net.Http.Headers;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.HarnessTests;

/// <summary>What the client puts on the wire: STS tokens where each signature version expects them, errors typed.</summary>
public sealed class ClientRequestTests
{
    private static readonly AcsClient Sts = new(new HttpClient(), new SingleAddressEndpoints(new Uri("http://127.0.0.1:1")),
        new AcsCredentials("STS.testid", "testsecret", "CAESTOKEN+/=abc"));

    private static readonly Dictionary<string, string> Params = new() { ["OwnerId"] = "1" };

    [Fact]
    public void V3_WithToken_SignsAccessKeyIdAndTokenHeaders()
    {
        using var request = Sts.BuildRequest("BssOpenApi", "2017-12-14", "GetCustomerAccountInfo", Params, CallOptions.V3Json);

        request.Headers.GetValues("x-acs-security-token").Single().Should().Be("CAESTOKEN+/=abc");
        request.Headers.GetValues("x-acs-accesskey-id").Single().Should().Be("STS.testid");
        request.Headers.Host.Should().Be("business.aliyuncs.com");
        var authorization = request.Headers.GetValues("Authorization").Single();
        authorization.Should().StartWith("ACS3-HMAC-SHA256 Credential=STS.testid,SignedHeaders=host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=");
        request.RequestUri!.Query.Should().Be("?OwnerId=1");
    }

    [Fact]
    public async Task V1Post_WithToken_SendsSecurityTokenInTheSignedForm()
    {
        using var request = Sts.BuildRequest("BssOpenApi", "2017-12-14", "GetCustomerAccountInfo", Params, CallOptions.V1Post);

        var form = await request.Content!.ReadAsStringAsync();
        form.Should().Contain("SecurityToken=CAESTOKEN%2B%2F%3Dabc").And.Contain("AccessKeyId=STS.testid").And.Contain("&Signature=");
        form.Should().EndWith(form[form.IndexOf("&Signature=", StringComparison.Ordinal)..], "pop-core puts Signature last");
        request.Content.Headers.ContentType!.MediaType.Should().Be("application/x-www-form-urlencoded");
    }

    [Theory]
    [InlineData("application/json;charset=utf-8", """{"RequestId":"R1","HostId":"business.aliyuncs.com","Code":"InvalidOwner","Message":"The specified owner doesn't belong to caller.","Recommend":"https://x"}""")]
    [InlineData("text/xml;charset=utf-8", """<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>R1</RequestId><HostId>business.aliyuncs.com</HostId><Code>InvalidOwner</Code><Message>The specified owner doesn't belong to caller.</Message><Recommend>https://x</Recommend></Error>""")]
    public void ErrorEnvelope_JsonOrXml_BecomesTypedException(string contentType, string body)
    {
        var e = AcsClient.ParseError(400, contentType, body, "header-id");

        e.Code.Should().Be("InvalidOwner");
        e.Message.Should().Be("The specified owner doesn't belong to caller.");
        e.HttpStatus.Should().Be(400);
        e.RequestId.Should().Be("R1");
        e.HostId.Should().Be("business.aliyuncs.com");
        e.Recommend.Should().Be("https://x");
    }

    [Fact]
    public void ErrorWithoutEnvelope_StillTyped_WithTheStatusAsCode()
    {
        var e = AcsClient.ParseError(502, "text/html", "<html>Bad gateway</html>", "header-id");

        e.Code.Should().Be("HTTP502");
        e.RequestId.Should().Be("header-id");
        e.Body.Should().Contain("Bad gateway");
    }

    [Fact]
    public void TestData_SameSeedSameValues_OtherSeedOtherValues()
    {
        var a = new TestData("AccountTests.X");
        var b = new TestData("AccountTests.X");
        var c = new TestData("AccountTests.Y");

        var first = (a.Email(), a.FirstName(), a.CompanyName());
        first.Should().Be((b.Email(), b.FirstName(), b.CompanyName()));
        c.Email().Should().NotBe(first.Item1);
        new TestData("AccountTests.X", "run2").Email().Should().EndWith(".run2@example.com");
    }
}
