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

    public void Dispose() => _server.Stop();
}
