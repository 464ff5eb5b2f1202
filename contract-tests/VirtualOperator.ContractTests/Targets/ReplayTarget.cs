using System.Net;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Recording;
using WireMock.Server;
using WireMock.Settings;

namespace VirtualOperator.ContractTests.Targets;

/// <summary>
/// Recorded real answers served by WireMock.Net from fixtures/replay: the real target's code path (one
/// account, no control plane, product endpoints) without the network. Each call is matched by its test, its
/// number within the test and its action; a call with no recording fails saying how to record it.
/// </summary>
public sealed class ReplayTarget : ContractTarget
{
    private readonly WireMockServer _server;
    private readonly HttpClient _http;

    public ReplayTarget()
    {
        _server = WireMockServer.Start(new WireMockServerSettings { StartAdminInterface = false });
        foreach (var file in ReplayFiles.MappingFiles()) _server.WithMapping(File.ReadAllText(file));
        _http = new HttpClient(new TestCallHeaders(new MissIsAnError(new SocketsHttpHandler())));
        Endpoints = new SingleAddressEndpoints(new Uri(_server.Urls[0]));
    }

    public override TargetKind Kind => TargetKind.Replay;
    public override HttpClient Http => _http;
    public override IAcsEndpoints Endpoints { get; }
    public override ControlPlane? ControlPlane => null;

    /// <summary>How many mappings were loaded (for the report and the tests of the harness).</summary>
    public int MappingCount => _server.Mappings.Count();

    public override Task<PartnerSession> OpenPartnerAsync() =>
        Task.FromResult(new PartnerSession(ReplayAccount.Uid, ClientFor(ReplayAccount.Credentials)));

    public override ValueTask DisposeAsync()
    {
        _http.Dispose();
        _server.Stop();
        return ValueTask.CompletedTask;
    }

    /// <summary>WireMock answers an unmatched request 404 with its own body; that must not pass for a recorded 404.</summary>
    private sealed class MissIsAnError(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.NotFound) return response;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!body.Contains("No matching mapping found", StringComparison.Ordinal)) return response;
            var test = request.Headers.TryGetValues(TestCallHeaders.TestHeader, out var t) ? t.First() : "(no test)";
            var call = request.Headers.TryGetValues(TestCallHeaders.CallHeader, out var c) ? c.First() : "?";
            var action = request.Headers.TryGetValues("x-acs-action", out var a) ? a.First() : "(V1 call)";
            throw new InvalidOperationException(
                $"Replay: no recorded answer for call #{call} ({action}) of {test}. The test now makes other calls than when it was recorded; " +
                "re-record it with scripts/record.sh.");
        }
    }
}
