using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VirtualOperator.Emulator.Tests.Support;

/// <summary>
/// The emulator hosted in-process on the test server, in-memory LiteDB unless a data path is given.
/// Each instance is a fresh emulator: tests that need isolation create their own partner instead.
/// </summary>
/// <param name="services">Extra registrations on top of the emulator's (e.g. a test's own resource directory).</param>
public sealed class EmulatorApplication(string? dataPath = null, IDictionary<string, string?>? settings = null,
    Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string DefaultAccessKeyId = "LTAI5tVoEmulatorDefault1";
    public const string DefaultSecret = "VoEmulatorDefaultSecret0000000";
    public const string DefaultPartnerUid = "1688000000000001";

    private IDisposable? _database;

    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _database = host.Services.GetService(typeof(VirtualOperator.Emulator.Storage.EmulatorDatabase)) as IDisposable;
        return host;
    }

    // The minimal-hosting entry point may dispose its container after Dispose returns; a durable test that
    // opens the same data file next must not overlap with it, so the database is closed here, first.
    protected override void Dispose(bool disposing)
    {
        if (disposing) _database?.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        _database?.Dispose();
        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Emulator:DataPath", dataPath ?? "");
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(k, v);
        if (services is not null) builder.ConfigureServices(services);
    }

    public SignedClient Signed(string accessKeyId = DefaultAccessKeyId, string secret = DefaultSecret, string? securityToken = null) =>
        new(CreateClient(), accessKeyId, secret, securityToken);

    /// <summary>Creates a fresh, isolated partner through the control plane.</summary>
    public async Task<PartnerKeys> CreatePartnerAsync(bool testAccount = true)
    {
        var resp = await CreateClient().PostAsJsonAsync("/_emulator/partners", new { testAccount });
        resp.EnsureSuccessStatusCode();
        var o = (await resp.Content.ReadFromJsonAsync<JsonObject>())!;
        return new PartnerKeys(o["uid"]!.GetValue<string>(), o["accessKeyId"]!.GetValue<string>(), o["accessKeySecret"]!.GetValue<string>());
    }
}

public sealed record PartnerKeys(string Uid, string AccessKeyId, string Secret);
