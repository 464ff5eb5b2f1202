using VirtualOperator.ContractTests.Client;

namespace VirtualOperator.ContractTests.Targets;

/// <summary>An emulator running elsewhere (the Docker image, a shared QA instance, a process CI started).</summary>
public sealed class UrlTarget : ContractTarget
{
    /// <summary>The emulator's control-plane token, when it was started with one (<c>--control-token</c>, required beyond loopback).</summary>
    public const string ControlTokenVar = "VO_CONTROL_TOKEN";

    private readonly HttpClient _http;
    private readonly HttpClient _control;

    public UrlTarget(Uri baseAddress)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Endpoints = new SingleAddressEndpoints(baseAddress);
        // Its own client, so the token never rides along on the signed calls.
        _control = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (Environment.GetEnvironmentVariable(ControlTokenVar) is { Length: > 0 } token)
            _control.DefaultRequestHeaders.Add("X-Emulator-Token", token);
        ControlPlane = new ControlPlane(_control);
    }

    public override TargetKind Kind => TargetKind.Url;
    public override HttpClient Http => _http;
    public override IAcsEndpoints Endpoints { get; }
    public override ControlPlane ControlPlane { get; }

    public override Task<PartnerSession> OpenPartnerAsync() => EmulatorPartners.OpenAsync(this);

    public override ValueTask DisposeAsync()
    {
        _http.Dispose();
        _control.Dispose();
        return ValueTask.CompletedTask;
    }
}
