using System.Net;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Recording;
using WireMock.Server;
using WireMock.Settings;

namespace VirtualOperator.ContractTests.Targets;

/// <summary>
/// Recorded real answers served by WireMock.Net from fixtures/replay, reached through the real target itself
/// (<see cref="RealTarget"/> with every product endpoint pointed at the replay server and the replay account's
/// keys): the real code path without the network. Each call is matched by its test, its number within the
/// test, its action and its parameters (<see cref="RequestFingerprint"/>); a call with no recording fails saying how to record it.
/// </summary>
public sealed class ReplayTarget : ContractTarget
{
    private readonly WireMockServer _server;
    private readonly RealTarget _real;

    public ReplayTarget(TargetSettings settings)
    {
        _server = LoopbackWireMock.Start();
        foreach (var file in ReplayFiles.MappingFiles()) _server.WithMapping(File.ReadAllText(file));
        var replayServer = new Uri(_server.Urls[0]);
        _real = new RealTarget(settings with
        {
            RealCredentials = ReplayAccount.Credentials,
            RealAccountUid = ReplayAccount.Uid,
            RealEndpoints = ProductHosts.Products.ToDictionary(p => p, _ => replayServer, StringComparer.OrdinalIgnoreCase),
        }, new MissIsAnError(new FingerprintHeader(new SocketsHttpHandler())), mayRecord: false);
    }

    public override TargetKind Kind => TargetKind.Replay;
    public override HttpClient Http => _real.Http;
    public override IAcsEndpoints Endpoints => _real.Endpoints;
    public override ControlPlane? ControlPlane => null;

    public override Task<PartnerSession> OpenPartnerAsync() => _real.OpenPartnerAsync();

    public override async ValueTask DisposeAsync()
    {
        await _real.DisposeAsync();
        _server.Stop();
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
                $"Replay: no recorded answer for call #{call} ({action}) of {test} with these parameters. The test now makes other calls, " +
                "or sends other parameter values, than when it was recorded; " +
                "re-record it with scripts/record.sh.");
        }
    }
}
