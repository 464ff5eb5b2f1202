using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Recording;

namespace VirtualOperator.ContractTests.Targets;

/// <summary>
/// A real reseller test account, reached at each product's own endpoint; with <c>VO_RECORD=1</c> through a
/// WireMock.Net recording proxy per endpoint (<see cref="ProxyRecorder"/>).
/// </summary>
public sealed class RealTarget : ContractTarget
{
    private readonly TargetSettings _settings;
    private readonly HttpClient _http;

    /// <param name="transport">The innermost handler (the replay target adds its check for unrecorded calls).</param>
    /// <param name="mayRecord">False for the replay target, which must never overwrite what it replays.</param>
    public RealTarget(TargetSettings settings, HttpMessageHandler? transport = null, bool mayRecord = true)
    {
        _settings = settings;
        _http = new HttpClient(new TestCallHeaders(transport ?? new SocketsHttpHandler())) { Timeout = TimeSpan.FromSeconds(60) };
        if (mayRecord && ProxyRecorder.Enabled)
        {
            Recorder = new ProxyRecorder(settings.RealEndpoints, settings.RealAccountUid, SecretScrubber.Current);
            Endpoints = Recorder;
        }
        else Endpoints = new RealEndpoints(settings.RealEndpoints);
    }

    public override TargetKind Kind => TargetKind.Real;
    public override HttpClient Http => _http;
    public override IAcsEndpoints Endpoints { get; }
    public override ControlPlane? ControlPlane => null;

    /// <summary>Set when this run records (<c>VO_RECORD=1</c>).</summary>
    public ProxyRecorder? Recorder { get; }

    public override Task<PartnerSession> OpenPartnerAsync() =>
        Task.FromResult(new PartnerSession(_settings.RealAccountUid!, ClientFor(_settings.RealCredentials!)));

    public override ValueTask DisposeAsync()
    {
        _http.Dispose();
        Recorder?.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class RealEndpoints(IReadOnlyDictionary<string, Uri> endpoints) : IAcsEndpoints
    {
        public AcsEndpoint For(string product)
        {
            var host = ProductHosts.PublicHost(product);
            if (!endpoints.TryGetValue(product, out var uri)) return new AcsEndpoint(new Uri("https://" + host), host);
            // A regional real endpoint names itself; a local stand-in (proxy, emulator) is addressed under the public host.
            return new AcsEndpoint(uri, uri.Host.EndsWith(".aliyuncs.com", StringComparison.OrdinalIgnoreCase) ? uri.Host : host);
        }
    }
}
