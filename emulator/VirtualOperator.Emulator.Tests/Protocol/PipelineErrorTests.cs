using Microsoft.Extensions.DependencyInjection;
using System.Net;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Protocol;

/// <summary>Every gateway error through the wire: code, HTTP status and envelope, in JSON and XML.</summary>
public sealed class PipelineErrorTests : IClassFixture<EmulatorFixture>
{
    private const string Bss = "2017-12-14";
    private readonly EmulatorApplication _app;
    public PipelineErrorTests(EmulatorFixture f) => _app = f.App;

    private static void ShouldBeError(ApiResult r, HttpStatusCode status, string code)
    {
        r.Status.Should().Be(status, r.Text);
        var j = r.Json;
        j["Code"]!.ToString().Should().Be(code);
        foreach (var field in new[] { "RequestId", "HostId", "Message", "Recommend" })
            j[field]?.ToString().Should().NotBeNullOrEmpty($"the envelope carries {field}");
        j["Recommend"]!.ToString().Should().Contain("q=" + code);
    }

    [Fact]
    public async Task V3_UnknownAccessKeyId_Answers404NotFound() =>
        ShouldBeError(await _app.Signed("LTAI5tNoSuchKey000000000", "x").V3("GetCustomerList", Bss), HttpStatusCode.NotFound, "InvalidAccessKeyId.NotFound");

    [Fact]
    public async Task V1_UnknownAccessKeyId_Answers404NotFound() =>
        ShouldBeError(await _app.Signed("LTAI5tNoSuchKey000000000", "x").V1("GetCustomerList", Bss), HttpStatusCode.NotFound, "InvalidAccessKeyId.NotFound");

    [Fact]
    public async Task V3_WrongSecret_AnswersSignatureDoesNotMatchWithServerStringToSign()
    {
        var r = await _app.Signed(secret: "wrong").V3("GetCustomerList", Bss);
        ShouldBeError(r, HttpStatusCode.BadRequest, "SignatureDoesNotMatch");
        r.Json["Message"]!.ToString().Should().Contain("server string to sign is:ACS3-HMAC-SHA256");
    }

    [Theory]
    [InlineData("ACS3-HMAC-SHA256 Credential=LTAI5tVoEmulatorDefault1,Signature=abc", "no SignedHeaders")]
    [InlineData("ACS3-HMAC-SHA256", "no parts at all")]
    [InlineData("ACS3-HMAC-SHA256 Credential=LTAI5tVoEmulatorDefault1,SignedHeaders=host;;x-acs-action,Signature=abc", "a mandatory header left unsigned")]
    public async Task V3_MalformedAuthorization_AnswersIncompleteSignature(string authorization, string because)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, "/");
        req.Headers.TryAddWithoutValidation("Authorization", authorization);
        foreach (var (k, v) in new Dictionary<string, string>
                 {
                     ["x-acs-action"] = "GetCustomerList", ["x-acs-version"] = Bss, ["x-acs-date"] = "2026-12-01T00:00:00Z",
                     ["x-acs-signature-nonce"] = Guid.NewGuid().ToString("N"), ["x-acs-content-sha256"] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                 })
            req.Headers.TryAddWithoutValidation(k, v);
        var resp = await _app.CreateClient().SendAsync(req);
        var r = new ApiResult(resp.StatusCode, resp.Content.Headers.ContentType?.ToString() ?? "", await resp.Content.ReadAsStringAsync());
        ShouldBeError(r, HttpStatusCode.BadRequest, "IncompleteSignature");
        _ = because;
    }

    [Theory]
    [InlineData("GET", "HMAC-SHA1")]
    [InlineData("POST", "HMAC-SHA1")]
    [InlineData("GET", "HMAC-SHA256")]
    public async Task V1_WrongSecret_MessageCarriesTheServerStringToSign(string method, string signatureMethod)
    {
        var r = await _app.Signed().V1("GetCustomerList", Bss, method: new HttpMethod(method), signatureMethod: signatureMethod, secretOverride: "wrong");
        ShouldBeError(r, HttpStatusCode.BadRequest, "SignatureDoesNotMatch");
        r.Json["Message"]!.ToString().Should().Contain($"server string to sign is:{method}&%2F&AccessKeyId%3D");
    }

    [Theory]
    [InlineData("GET", "HMAC-SHA1")]
    [InlineData("POST", "HMAC-SHA1")]
    [InlineData("GET", "HMAC-SHA256")]
    [InlineData("POST", "HMAC-SHA256")]
    public async Task V1_CorrectlySigned_Succeeds(string method, string signatureMethod)
    {
        var r = await _app.Signed().V1("GetCustomerList", Bss, method: new HttpMethod(method), signatureMethod: signatureMethod);
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.Code.Should().Be("200");
    }

    [Fact]
    public async Task V1_UnsupportedSignatureMethod_AnswersInvalidSignatureMethod() =>
        ShouldBeError(await _app.Signed().V1("GetCustomerList", Bss, signatureMethod: "HMAC-MD5"), HttpStatusCode.BadRequest, "InvalidSignatureMethod");

    [Fact]
    public async Task V1_ReusedNonce_AnswersSignatureNonceUsed()
    {
        var client = _app.Signed();
        var nonce = Guid.NewGuid().ToString();
        (await client.V1("GetCustomerList", Bss, nonce: nonce)).Status.Should().Be(HttpStatusCode.OK);
        ShouldBeError(await client.V1("GetCustomerList", Bss, nonce: nonce), HttpStatusCode.BadRequest, "SignatureNonceUsed");
    }

    [Fact]
    public async Task V3_ReusedNonce_AnswersSignatureNonceUsed()
    {
        var client = _app.Signed();
        var nonce = Guid.NewGuid().ToString("N");
        (await client.V3("GetCustomerList", Bss, nonce: nonce)).Status.Should().Be(HttpStatusCode.OK);
        ShouldBeError(await client.V3("GetCustomerList", Bss, nonce: nonce), HttpStatusCode.BadRequest, "SignatureNonceUsed");
    }

    [Fact]
    public async Task SameNonce_DifferentAccessKeys_BothPass()
    {
        var other = await _app.CreatePartnerAsync();
        var nonce = Guid.NewGuid().ToString();
        (await _app.Signed().V1("GetCustomerList", Bss, nonce: nonce)).Status.Should().Be(HttpStatusCode.OK);
        (await _app.Signed(other.AccessKeyId, other.Secret).V1("GetCustomerList", Bss, nonce: nonce)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(-20)]
    [InlineData(20)]
    public async Task V1_TimestampOutsideSkew_AnswersInvalidTimeStampExpired(int minutes) =>
        ShouldBeError(await _app.Signed().V1("GetCustomerList", Bss, timestamp: DateTimeOffset.UtcNow.AddMinutes(minutes)),
            HttpStatusCode.BadRequest, "InvalidTimeStamp.Expired");

    [Fact]
    public async Task V1_TimestampWithinSkew_Passes() =>
        (await _app.Signed().V1("GetCustomerList", Bss, timestamp: DateTimeOffset.UtcNow.AddMinutes(-14))).Status.Should().Be(HttpStatusCode.OK);

    [Fact]
    public async Task V3_DateOutsideSkew_AnswersInvalidTimeStampExpired() =>
        ShouldBeError(await _app.Signed().V3("GetCustomerList", Bss, date: DateTimeOffset.UtcNow.AddMinutes(-16)),
            HttpStatusCode.BadRequest, "InvalidTimeStamp.Expired");

    [Fact]
    public async Task V1_MalformedTimestamp_AnswersInvalidTimeStampFormat()
    {
        var client = _app.Signed();
        var all = client.V1Parameters("GetCustomerList", Bss, null);
        all["Timestamp"] = "yesterday";
        var sts = VirtualOperator.Emulator.Protocol.Signing.RpcSignatureV1.StringToSign("GET", all);
        all["Signature"] = VirtualOperator.Emulator.Protocol.Signing.RpcSignatureV1.Sign(sts, EmulatorApplication.DefaultSecret);
        var url = "/?" + string.Join('&', all.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        ShouldBeError(await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url)), HttpStatusCode.BadRequest, "InvalidTimeStamp.Format");
    }

    [Fact]
    public async Task UnknownAction_KnownVersion_AnswersInvalidActionNotFound() =>
        ShouldBeError(await _app.Signed().V3("NoSuchAction", Bss), HttpStatusCode.NotFound, "InvalidAction.NotFound");

    [Fact]
    public async Task UnknownVersion_AnswersInvalidVersion() =>
        ShouldBeError(await _app.Signed().V3("GetCustomerList", "2099-01-01"), HttpStatusCode.BadRequest, "InvalidVersion");

    [Fact]
    public async Task KnownAction_NotImplemented_Answers501NamingProductAndAction()
    {
        // Every catalog RPC action has a handler now, so the 501 path is shown on an emulator whose registry holds none:
        // a known action without a handler answers NotImplemented naming it, before any handler could change anything.
        using var bare = new EmulatorApplication(services: s => s.AddSingleton(_ =>
            new VirtualOperator.Emulator.Protocol.Dispatch.ActionRegistry(Array.Empty<Type>(), VirtualOperator.Emulator.Products.ProductRegistration.NonRpcActions)));
        var r = await bare.Signed().V3("GetCustomerList", "2017-12-14");
        ShouldBeError(r, HttpStatusCode.NotImplemented, "NotImplemented");
        r.Json["Message"]!.ToString().Should().Contain("BssOpenApi 2017-12-14 GetCustomerList");
        (await _app.Signed().V3("GetCustomerList", "2017-12-14")).Status.Should().Be(HttpStatusCode.OK, "the full emulator implements it");
    }

    [Fact]
    public async Task MissingRequiredParameter_AnswersMissingParameterBeforeTheHandler()
    {
        var r = await _app.Signed().V3("GetCustomerAccountInfo", Bss);
        ShouldBeError(r, HttpStatusCode.BadRequest, "MissingParameter");
        r.Json["Message"]!.ToString().Should().Contain("\"OwnerId\"");
    }

    [Fact]
    public async Task WronglyTypedParameter_AnswersInvalidParameter()
    {
        var r = await _app.Signed().V3("GetCustomerAccountInfo", Bss, new Dictionary<string, string> { ["OwnerId"] = "not-a-number" });
        ShouldBeError(r, HttpStatusCode.BadRequest, "InvalidParameter");
        r.Json["Message"]!.ToString().Should().Contain("\"OwnerId\"");
    }

    [Fact]
    public async Task RequiredRepeatList_Missing_AnswersMissingParameter()
    {
        var r = await _app.Signed().V3("GetSubscriptionPrice", Bss, new Dictionary<string, string>
        {
            ["OrderType"] = "NewOrder", ["ProductCode"] = "vpc", ["SubscriptionType"] = "Subscription",
        });
        ShouldBeError(r, HttpStatusCode.BadRequest, "MissingParameter");
        r.Json["Message"]!.ToString().Should().Contain("\"ModuleList\"");
    }

    [Fact]
    public async Task HostOfAnotherProduct_AnswersInvalidActionNotFound() =>
        ShouldBeError(await _app.Signed().V3("GetCustomerList", Bss, host: "sts.aliyuncs.com"), HttpStatusCode.NotFound, "InvalidAction.NotFound");

    [Fact]
    public async Task Error_V1WithoutFormat_IsXmlEnvelope()
    {
        var r = await _app.Signed("LTAI5tNoSuchKey000000000", "x").V1("GetCustomerList", Bss, format: null);
        r.Status.Should().Be(HttpStatusCode.NotFound);
        r.ContentType.Should().Be("text/xml; charset=utf-8");
        var xml = System.Xml.Linq.XDocument.Parse(r.Text).Root!;
        xml.Name.LocalName.Should().Be("Error");
        xml.Element("Code")!.Value.Should().Be("InvalidAccessKeyId.NotFound");
        foreach (var f in new[] { "RequestId", "HostId", "Message", "Recommend" }) xml.Element(f)!.Value.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Unsigned_AnswersMissingParameterAccessKeyId()
    {
        var r = await _app.Signed().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/?Action=GetCustomerList&Version=2017-12-14&Format=JSON"));
        ShouldBeError(r, HttpStatusCode.BadRequest, "MissingParameter");
    }

    [Fact]
    public async Task RequestId_HeaderEqualsBody()
    {
        var resp = await _app.CreateClient().GetAsync("/?Action=GetCustomerList&Version=2017-12-14&Format=JSON");
        var body = System.Text.Json.Nodes.JsonNode.Parse(await resp.Content.ReadAsStringAsync())!;
        resp.Headers.GetValues("x-acs-request-id").Single().Should().Be(body["RequestId"]!.ToString());
    }
}
