using VirtualOperator.ContractTests.Client;

namespace VirtualOperator.ContractTests.Targets;

/// <summary>A real reseller test account, reached at each product's own endpoint.</summary>
public sealed class RealTarget(TargetSettings settings, HttpMessageHandler? handler = null) : ContractTarget
{
    private readonly HttpClient _http = handler is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(60) } : new HttpClient(handler);

    public override TargetKind Kind => TargetKind.Real;
    public override HttpClient Http => _http;
    public override IAcsEndpoints Endpoints { get; } = new RealEndpoints(settings.RealEndpoints);
    public override ControlPlane? ControlPlane => null;

    public override Task<PartnerSession> OpenPartnerAsync() =>
        Task.FromResult(new PartnerSession(settings.RealAccountUid!, ClientFor(settings.RealCredentials!)));

    public override ValueTask DisposeAsync()
    {
        _http.Dispose();
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
