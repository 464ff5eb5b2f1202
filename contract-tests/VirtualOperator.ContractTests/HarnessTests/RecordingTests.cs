using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Recording;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace VirtualOperator.ContractTests.HarnessTests;

/// <summary>
/// Recording through the WireMock.Net proxy, against a fake "real cloud" that echoes the caller's key id and
/// token back (as real signature errors do): the written mapping holds the answer but no secret, and the
/// account uid is the replay account's.
/// </summary>
public sealed class RecordingTests : IDisposable
{
    private static readonly AcsCredentials Creds = new("STS.NUrealTempKey0123", "real+secret/value=", "CAIS+real/token==xyz");
    private const string AccountUid = "1688000000000009";

    private readonly WireMockServer _cloud = LoopbackWireMock.Start();
    private readonly string _dir = Directory.CreateTempSubdirectory("vo-record-").FullName;

    public RecordingTests()
    {
        var echo = $$"""{"RequestId":"R-1","Code":"SignatureDoesNotMatch","Message":"server string to sign is:GET&%2F&AccessKeyId%3D{{Creds.AccessKeyId}}%26SecurityToken%3D{{AcsPercent.Encode(AcsPercent.Encode(Creds.SecurityToken!))}} owner {{AccountUid}}"}""";
        _cloud.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(400)
            .WithHeader("Content-Type", "application/json;charset=utf-8").WithBody(echo));
    }

    [Fact]
    public async Task ProxiedCalls_AreWrittenAsMappings_WithoutAnySecret()
    {
        var test = new TestContext("RecordingTests", "Sample", "sample");
        using var recorder = new ProxyRecorder(new Dictionary<string, Uri> { ["BssOpenApi"] = new(_cloud.Urls[0]) }, AccountUid, new SecretScrubber(Creds), _dir);
        var client = new AcsClient(new HttpClient(new TestCallHeaders(new SocketsHttpHandler())), recorder, Creds);

        using (TestContext.Enter(test))
        {
            (await FluentActions.Awaiting(() => client.CallAsync("BssOpenApi", "2017-12-14", "GetCustomerList")).Should().ThrowAsync<AcsApiException>())
                .Which.Code.Should().Be("SignatureDoesNotMatch");
            await FluentActions.Awaiting(() => client.CallAsync("BssOpenApi", "2017-12-14", "GetCustomerList", options: CallOptions.V1Get)).Should().ThrowAsync<AcsApiException>();
        }
        recorder.Flush(test);

        var text = File.ReadAllText(ReplayFiles.PathFor("RecordingTests", "Sample", _dir));
        var mappings = JsonNode.Parse(text)!.AsArray();
        mappings.Should().HaveCount(2);
        mappings[1]!["Description"]!.GetValue<string>().Should().StartWith("GET /?").And.Contain("Action=GetCustomerList");
        foreach (var secret in new[] { Creds.AccessKeyId, Creds.AccessKeySecret, Creds.SecurityToken!, "NUrealTempKey", "real+secret", "CAIS" })
            text.Should().NotContain(secret);
        text.Should().Contain(SecretScrubber.AccessKeyIdPlaceholder).And.Contain(SecretScrubber.TokenPlaceholder).And.Contain(SecretScrubber.SignaturePlaceholder);
        text.Should().NotContain(AccountUid).And.Contain("owner " + ReplayAccount.Uid);
    }

    public void Dispose()
    {
        _cloud.Stop();
        Directory.Delete(_dir, recursive: true);
    }
}
