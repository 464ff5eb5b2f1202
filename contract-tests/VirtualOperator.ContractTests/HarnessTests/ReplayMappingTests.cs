using System.Net;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Recording;
using WireMock.Server;

namespace VirtualOperator.ContractTests.HarnessTests;

/// <summary>Recorded calls become WireMock.Net mappings that answer that test's call n with action A, and nothing else.</summary>
public sealed class ReplayMappingTests : IDisposable
{
    private readonly WireMockServer _server = LoopbackWireMock.Start();

    private AcsClient Client() => new(new HttpClient(new TestCallHeaders(new SocketsHttpHandler())), new SingleAddressEndpoints(new Uri(_server.Urls[0])), ReplayAccount.Credentials);

    private static RecordedCall Call(int n, string action, CallStyle style, int status = 200, string body = """{"Code":"200","Success":true}""") =>
        new("ReplayMappingTests.Sample", n, style == CallStyle.V1Query ? "GET" : "POST", action, style, "summary", status, "application/json;charset=utf-8", "RID", body);

    [Fact]
    public async Task RecordedSequence_IsServedCallByCall()
    {
        _server.WithMapping(ReplayMappings.For([Call(1, "GetCustomerList", CallStyle.V3), Call(2, "GetCustomerAccountInfo", CallStyle.V3, 400, """{"Code":"InvalidOwner","Message":"m","RequestId":"R"}""")]).ToJsonString());
        var client = Client();
        using var _ = TestContext.Enter(new TestContext("ReplayMappingTests", "Sample", "sample"));

        var first = await client.CallAsync("BssOpenApi", "2017-12-14", "GetCustomerList");
        first.Json["Success"]!.GetValue<bool>().Should().BeTrue();
        first.ContentType.Should().StartWith("application/json");

        var second = await FluentActions.Awaiting(() => client.CallAsync("BssOpenApi", "2017-12-14", "GetCustomerAccountInfo")).Should().ThrowAsync<AcsApiException>();
        second.Which.Code.Should().Be("InvalidOwner");
        second.Which.HttpStatus.Should().Be(400);
    }

    [Fact]
    public async Task AnotherAction_OrAnotherTest_IsNotServed()
    {
        _server.WithMapping(ReplayMappings.For([Call(1, "GetCustomerList", CallStyle.V3)]).ToJsonString());
        var client = Client();

        using (TestContext.Enter(new TestContext("ReplayMappingTests", "Sample", "sample")))
        {
            var e = await FluentActions.Awaiting(() => client.CallAsync("BssOpenApi", "2017-12-14", "CreateAgAccount")).Should().ThrowAsync<AcsApiException>();
            e.Which.HttpStatus.Should().Be((int)HttpStatusCode.NotFound);
        }
        using (TestContext.Enter(new TestContext("ReplayMappingTests", "Other", "other")))
        {
            var e = await FluentActions.Awaiting(() => client.CallAsync("BssOpenApi", "2017-12-14", "GetCustomerList")).Should().ThrowAsync<AcsApiException>();
            e.Which.HttpStatus.Should().Be((int)HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [InlineData(CallStyle.V1Query)]
    [InlineData(CallStyle.V1Form)]
    public async Task V1Calls_AreMatchedByTheirActionParameter(CallStyle style)
    {
        _server.WithMapping(ReplayMappings.For([Call(1, "GetCustomerList", style)]).ToJsonString());
        using var _ = TestContext.Enter(new TestContext("ReplayMappingTests", "Sample", "sample"));

        var r = await Client().CallAsync("BssOpenApi", "2017-12-14", "GetCustomerList", options: style == CallStyle.V1Query ? CallOptions.V1Get : CallOptions.V1Post);

        r.Json["Code"]!.GetValue<string>().Should().Be("200");
    }

    [Theory]
    [InlineData(CallStyle.V3)]
    [InlineData(CallStyle.V1Query)]
    [InlineData(CallStyle.V1Form)]
    public async Task TheSameCallWithOtherParameterValues_IsNotServed(CallStyle style)
    {
        var options = style switch { CallStyle.V1Query => CallOptions.V1Get, CallStyle.V1Form => CallOptions.V1Post, _ => CallOptions.V3Json };
        string? recorded = null;
        var capture = new Capture(new SocketsHttpHandler(), r => recorded ??= r.Headers.GetValues(RequestFingerprint.Header).Single());
        var client = new AcsClient(new HttpClient(new TestCallHeaders(new FingerprintHeader(capture))), new SingleAddressEndpoints(new Uri(_server.Urls[0])), ReplayAccount.Credentials);
        var owner = new Dictionary<string, string> { ["OwnerId"] = "1688000000000101" };
        using (TestContext.Enter(new TestContext("ReplayMappingTests", "Sample", "sample")))
            await FluentActions.Awaiting(() => client.CallAsync("BssOpenApi", "2017-12-14", "GetCustomerAccountInfo", owner, options)).Should().ThrowAsync<AcsApiException>();
        _server.WithMapping(ReplayMappings.For([Call(1, "GetCustomerAccountInfo", style) with { Fingerprint = recorded }]).ToJsonString());

        // A new signature, nonce and timestamp, the same parameters: served.
        using (TestContext.Enter(new TestContext("ReplayMappingTests", "Sample", "sample")))
            (await client.CallAsync("BssOpenApi", "2017-12-14", "GetCustomerAccountInfo", owner, options)).Json["Code"]!.GetValue<string>().Should().Be("200");
        // Another owner: no recorded answer.
        using (TestContext.Enter(new TestContext("ReplayMappingTests", "Sample", "sample")))
        {
            var e = await FluentActions.Awaiting(() => client.CallAsync("BssOpenApi", "2017-12-14", "GetCustomerAccountInfo",
                new Dictionary<string, string> { ["OwnerId"] = "1688000000000102" }, options)).Should().ThrowAsync<AcsApiException>();
            e.Which.HttpStatus.Should().Be((int)HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public void Fingerprint_IgnoresSignatureNonceTimestampAndKeys_OnlyThose()
    {
        var a = RequestFingerprint.Of("GET", "?Action=X&OwnerId=1&Signature=s1&SignatureNonce=n1&Timestamp=t1&AccessKeyId=k1&SecurityToken=x", null, null);
        var b = RequestFingerprint.Of("GET", "?Timestamp=t2&SignatureNonce=n2&Signature=s2&AccessKeyId=k2&OwnerId=1&Action=X", null, null);
        a.Should().Be(b);
        RequestFingerprint.Of("GET", "?Action=X&OwnerId=2", null, null).Should().NotBe(a);
        RequestFingerprint.Of("POST", "?Action=X&OwnerId=1", null, null).Should().NotBe(a);
        RequestFingerprint.Of("GET", "?Action=X", "OwnerId=1", null).Should().Be(RequestFingerprint.Of("GET", "?Action=X&OwnerId=1", null, null));
    }

    private sealed class Capture(HttpMessageHandler inner, Action<HttpRequestMessage> seen) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen(request);
            return base.SendAsync(request, cancellationToken);
        }
    }

    public void Dispose() => _server.Stop();
}
