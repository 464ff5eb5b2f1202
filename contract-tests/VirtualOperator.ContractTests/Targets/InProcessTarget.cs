using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using VirtualOperator.ContractTests.Client;

namespace VirtualOperator.ContractTests.Targets;

/// <summary>The emulator hosted in the test process, in-memory storage; one instance serves the whole run.</summary>
public sealed class InProcessTarget : ContractTarget
{
    private readonly EmulatorFactory _factory = new();
    private readonly HttpClient _http;

    public InProcessTarget()
    {
        _http = _factory.CreateDefaultClient();
        Endpoints = new SingleAddressEndpoints(_http.BaseAddress!);
        ControlPlane = new ControlPlane(_factory.CreateDefaultClient());
    }

    public override TargetKind Kind => TargetKind.InProcess;
    public override HttpClient Http => _http;
    public override IAcsEndpoints Endpoints { get; }
    public override ControlPlane ControlPlane { get; }

    public override Task<PartnerSession> OpenPartnerAsync() => EmulatorPartners.OpenAsync(this);

    public override async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private sealed class EmulatorFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Emulator:DataPath", "");
    }
}

internal static class EmulatorPartners
{
    public static async Task<PartnerSession> OpenAsync(ContractTarget target)
    {
        var p = await target.ControlPlane!.CreatePartnerAsync();
        return new PartnerSession(p.Uid, target.ClientFor(new AcsCredentials(p.AccessKeyId, p.AccessKeySecret)));
    }
}
