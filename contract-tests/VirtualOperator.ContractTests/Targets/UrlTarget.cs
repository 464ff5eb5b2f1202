using VirtualOperator.ContractTests.Client;

namespace VirtualOperator.ContractTests.Targets;

/// <summary>An emulator running elsewhere (the Docker image, a shared QA instance, a process CI started).</summary>
public sealed class UrlTarget : ContractTarget
{
    private readonly HttpClient _http;

    public UrlTarget(Uri baseAddress)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Endpoints = new SingleAddressEndpoints(baseAddress);
        ControlPlane = new ControlPlane(_http);
    }

    public override TargetKind Kind => TargetKind.Url;
    public override HttpClient Http => _http;
    public override IAcsEndpoints Endpoints { get; }
    public override ControlPlane ControlPlane { get; }

    public override Task<PartnerSession> OpenPartnerAsync() => EmulatorPartners.OpenAsync(this);

    public override ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
