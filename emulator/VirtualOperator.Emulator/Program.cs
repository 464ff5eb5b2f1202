using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.ControlPlane;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Products;
using VirtualOperator.Emulator.Protocol.Pipeline;

var builder = WebApplication.CreateBuilder(args);

// `--data PATH` is the documented way to make state durable; it is Emulator:DataPath underneath.
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--data"] = "Emulator:DataPath" });

// One loopback port unless --urls / ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
    builder.WebHost.UseUrls(EmulatorOptions.DefaultUrl);

builder.Services.AddEmulatorCore(builder.Configuration);
builder.Services.AddProducts();

var app = builder.Build();
app.Services.StartEmulatorState();

// The control plane first: it is never signed.
app.MapControlPlane();
// Product-specific non-RPC routes (federation sign-in, console pages, message queues).
app.MapProductRoutes();
// Every signed RPC call of every product: POST or GET on "/".
RpcEndpoint.Map(app);

app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app));
app.Run();

static void PrintBanner(WebApplication app)
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    var partner = app.Services.GetRequiredService<PartnerStore>().EnsureDefault();
    var options = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
    foreach (var a in addresses) Console.WriteLine($"VirtualOperator.Emulator {ControlPlaneApi.Version} listening on {a}");
    Console.WriteLine($"Storage: {(string.IsNullOrEmpty(options.DataPath) ? "in memory" : options.DataPath)}");
    Console.WriteLine($"Default partner: uid={partner.Uid} AccessKeyId={partner.AccessKeyId} AccessKeySecret={partner.AccessKeySecret}");
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
