using System.Globalization;
using System.Net;
using System.Text;
using VirtualOperator.Emulator.Protocol.Signing;
using VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Acceptance;

/// <summary>Bad input the fuzzing found (or that a client could plausibly send) answers the real envelope, and changes nothing.</summary>
public sealed class BadInputRegressionTests(EmulatorFixture f) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app = f.App;

    [Fact]
    public async Task CreateInstance_ClientTokenLongerThan64_InvalidParameter_NothingCharged()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 1000m);
        var r = await kit.Call("CreateInstance", SalesKit.Buy(clientToken: new string('t', 65)));
        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("InvalidParameter");
        r.Json["Message"]!.ToString().Should().Contain("ClientToken");
        kit.Available().Should().Be(1000m);
        (await kit.OrdersAsync()).Should().BeEmpty();

        (await kit.Call("CreateInstance", SalesKit.Buy(clientToken: "令牌"))).Code.Should().Be("InvalidParameter");
        (await kit.Ok("CreateInstance", SalesKit.Buy(clientToken: new string('t', 64))))["Data"]!["OrderId"].Should().NotBeNull();
    }

    [Fact]
    public async Task BudgetWrites_OutBizIdLongerThan128_ParameterError_NothingChanged()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 1000m);
        var change = await kit.Call("ChangeResellerConsumeAmount", new Dictionary<string, string>
        {
            ["AdjustType"] = "increase", ["Amount"] = "10", ["Currency"] = "CNY", ["BusinessType"] = "quota_amount_adjust",
            ["Source"] = "tests", ["OutBizId"] = new string('o', 129),
        });
        change.Status.Should().Be(HttpStatusCode.BadRequest, change.Text);
        change.Code.Should().Be("ParameterError");
        var set = await kit.Call("SetResellerUserQuota", new Dictionary<string, string> { ["Amount"] = "5", ["OutBizId"] = new string('o', 5000) });
        set.Code.Should().Be("ParameterError");
        kit.Available().Should().Be(1000m, "a refused write changes nothing");
    }

    [Fact]
    public async Task XmlAnswer_EchoingControlCharacters_IsWellFormedXml()
    {
        var p = await PartnerSession.StartAsync(_app);
        var bad = await p.Signed.V1("CreateAgAccount", PartnerSession.Bss, new Dictionary<string, string> { ["LoginEmail"] = "a\u0001b@example.com" }, format: "XML");
        bad.Status.Should().Be(HttpStatusCode.BadRequest, bad.Text);
        var error = System.Xml.Linq.XElement.Parse(bad.Text);
        error.Name.LocalName.Should().Be("Error");
        error.Element("Code")!.Value.Should().NotBe("InternalError");

        var customer = await p.CreateCustomerAsync();
        var ok = await p.Signed.V1("AssumeRole", PartnerSession.Sts, new Dictionary<string, string>
        {
            ["RoleArn"] = $"acs:ram::{customer}:role/ResellerAdminRole", ["RoleSessionName"] = "xml", ["SourceIdentity"] = "src\u0002id",
        }, format: "XML");
        ok.Status.Should().Be(HttpStatusCode.OK, ok.Text);
        System.Xml.Linq.XElement.Parse(ok.Text).Element("SourceIdentity")!.Value.Should().Be("src\uFFFDid");
    }

    [Fact]
    public async Task V3WithJsonBody_ParametersAreNotReadFromIt_MissingParameter()
    {
        var p = await PartnerSession.StartAsync(_app);
        var customer = await p.CreateCustomerAsync();
        var body = Encoding.UTF8.GetBytes($"{{\"OwnerId\":\"{customer}\"}}");
        var r = await p.Signed.SendAsync(SignedV3(p.Keys, "GetCustomerAccountInfo", PartnerSession.Bss, "", body, "application/json"));
        var problem = BadInputFuzzTests.EnvelopeProblem(r, "JSON");
        problem.Should().BeNull();
        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("MissingParameter");
    }

    [Fact]
    public async Task V3WithFormBody_ParametersAreReadFromIt()
    {
        var p = await PartnerSession.StartAsync(_app);
        var customer = await p.CreateCustomerAsync();
        var body = Encoding.UTF8.GetBytes($"OwnerId={customer}");
        var r = await p.Signed.SendAsync(SignedV3(p.Keys, "GetCustomerAccountInfo", PartnerSession.Bss, "", body, "application/x-www-form-urlencoded"));
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
    }

    [Fact]
    public async Task DuplicateParameter_LastValueWins_SignatureOverBoth()
    {
        var p = await PartnerSession.StartAsync(_app);
        var customer = await p.CreateCustomerAsync();
        var pairs = p.Signed.V1Parameters("GetCustomerAccountInfo", PartnerSession.Bss, new Dictionary<string, string>()).ToList();
        pairs.Add(new("OwnerId", "1"));
        pairs.Add(new("OwnerId", customer));
        var signature = RpcSignatureV1.Sign(RpcSignatureV1.StringToSign("GET", pairs), p.Keys.Secret, "HMAC-SHA1");
        pairs.Add(new("Signature", signature));
        var query = string.Join('&', pairs.Select(x => AcsPercentEncoding.Encode(x.Key) + "=" + AcsPercentEncoding.Encode(x.Value)));
        var r = await p.Signed.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/?" + query));
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
    }

    [Fact]
    public async Task BodyLargerThanOneMegabyte_AnswersTheEnvelope()
    {
        var p = await PartnerSession.StartAsync(_app);
        var form = "Action=GetCustomerList&Version=2017-12-14&Format=JSON&Pad=" + new string('x', 2 << 20);
        var r = await p.Signed.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/")
            { Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded") });
        // The Format in the unread body is unknown, so the answer is V1's default, XML.
        BadInputFuzzTests.EnvelopeProblem(r, "XML").Should().BeNull();
        ((int)r.Status).Should().Be(413);
        r.Text.Should().Contain("<Code>RequestEntityTooLarge</Code>");
    }

    [Theory]
    [InlineData("ACS3-HMAC-SHA256")]
    [InlineData("ACS3-HMAC-SHA256 Credential=,SignedHeaders=,Signature=")]
    [InlineData("ACS3-HMAC-SM3 Credential=x,SignedHeaders=host,Signature=00")]
    [InlineData("ACS3-HMAC-SHA256 Credential=LTAI5tVoEmulatorDefault1,SignedHeaders=host;x-acs-action;x-acs-version;x-acs-date;x-acs-signature-nonce;x-acs-content-sha256,Signature=zz")]
    public async Task MalformedV3Authorization_AnswersTheEnvelope(string authorization)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, "/");
        req.Headers.TryAddWithoutValidation("Authorization", authorization);
        req.Headers.TryAddWithoutValidation("x-acs-action", "GetCustomerList");
        req.Headers.TryAddWithoutValidation("x-acs-version", "2017-12-14");
        req.Headers.TryAddWithoutValidation("x-acs-date", "not-a-date");
        req.Headers.TryAddWithoutValidation("x-acs-signature-nonce", "n");
        req.Headers.TryAddWithoutValidation("x-acs-content-sha256", "nope");
        var r = await _app.Signed().SendAsync(req);
        BadInputFuzzTests.EnvelopeProblem(r, "JSON").Should().BeNull();
        ((int)r.Status).Should().BeInRange(400, 499);
    }

    private static HttpRequestMessage SignedV3(PartnerKeys keys, string action, string version, string query, byte[] body, string contentType)
    {
        var hash = Acs3Signature.Sha256Hex(body);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = "business.aliyuncs.com", ["x-acs-action"] = action, ["x-acs-version"] = version,
            ["x-acs-date"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["x-acs-signature-nonce"] = Guid.NewGuid().ToString("N"), ["x-acs-content-sha256"] = hash,
        };
        var canonical = Acs3Signature.CanonicalRequest("POST", "/", VirtualOperator.Emulator.Protocol.Parsing.QueryParser.Parse(query), headers.Keys.ToList(), n => [headers[n]], hash);
        var signature = Acs3Signature.Sign(Acs3Signature.StringToSign(canonical), keys.Secret);
        var req = new HttpRequestMessage(HttpMethod.Post, "/" + (query.Length > 0 ? "?" + query : "")) { Content = new ByteArrayContent(body) };
        req.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        foreach (var (k, v) in headers) if (k != "host") req.Headers.TryAddWithoutValidation(k, v);
        req.Headers.Host = headers["host"];
        req.Headers.TryAddWithoutValidation("Accept", "application/json");
        req.Headers.TryAddWithoutValidation("Authorization", Acs3Signature.Authorization(keys.AccessKeyId, headers.Keys, signature));
        return req;
    }
}
