using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.ControlPlane;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Products;
using VirtualOperator.Emulator.Protocol.Pipeline;

// `--healthcheck [URL]`: exits 0 when the emulator answers /_emulator/health (the Docker HEALTHCHECK; the image has no curl).
if (args.Length > 0 && args[0] == "--healthcheck")
    return await HealthCheck.RunAsync(args.Length > 1 ? args[1] : EmulatorOptions.DefaultUrl);

var builder = WebApplication.CreateBuilder(args);

// `--data PATH` is the documented way to make state durable; it is Emulator:DataPath underneath. Likewise
// `--control-token TOKEN` is Emulator:ControlToken.
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--data"] = "Emulator:DataPath", ["--control-token"] = "Emulator:ControlToken",
});

// One loopback port unless --urls / ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
    builder.WebHost.UseUrls(EmulatorOptions.DefaultUrl);

// Listening beyond loopback without a control token would open the control plane to the network: refuse to start.
if (ControlTokenRequirement.Check(builder.Configuration) is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 2;
}

builder.Services.AddEmulatorCore(builder.Configuration);
builder.Services.AddProducts();
builder.Services.AddNonRpcErrors();

var app = builder.Build();
// The state, the catalog and the handlers load on another thread while the server starts; every request waits for them.
var readiness = EmulatorReadiness.Start(app);
// Every /_emulator path is refused to foreign hosts, cross-site pages, non-JSON writes and (if set) callers without the token.
app.UseControlPlaneGuard();
readiness.UseGate(app);
app.UseRouting();

// Whatever escapes a handler's own error handling still answers the real envelope, never an HTML or text page.
app.UseExceptionHandler(error => error.Run(InternalErrorEnvelope.WriteAsync));

// Bad input to the plain-JSON routes answers JSON {"error"}, never an empty body or an exception page.
app.UseNonRpcErrors();

// The control plane first: it is never signed.
app.MapControlPlane();
// Product-specific non-RPC routes (federation sign-in, console pages, message queues).
app.MapProductRoutes();
// Every signed RPC call of every product: POST or GET on "/".
RpcEndpoint.Map(app);

// The banner (the "listening on" line scripts wait for) is printed once the emulator is ready, not merely listening.
app.Lifetime.ApplicationStarted.Register(() => readiness.Ready.ContinueWith(_ => PrintBanner(app),
    CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));
// Close the data file as soon as requests have stopped, not whenever the container is disposed: a restarted
// emulator (or a test host) opening the same --data file must never overlap with this one's last writes.
app.Lifetime.ApplicationStopped.Register(() => app.Services.GetRequiredService<VirtualOperator.Emulator.Storage.EmulatorDatabase>().Dispose());
app.Run();
// A failed start stopped the host; surface it as a failed exit, as when it ran inline.
await readiness.Ready;
return 0;

static void PrintBanner(WebApplication app)
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    var partner = EmulatorReadiness.DefaultPartner(app.Services);
    var options = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
    foreach (var a in addresses) Console.WriteLine($"VirtualOperator.Emulator {ControlPlaneApi.Version} listening on {a}");
    Console.WriteLine($"Storage: {(string.IsNullOrEmpty(options.DataPath) ? "in memory" : options.DataPath)}");
    Console.WriteLine($"Control plane: /_emulator, {(string.IsNullOrEmpty(options.ControlToken) ? "no token (loopback only)" : "token required")}");
    Console.WriteLine($"Default partner: uid={partner.Uid} AccessKeyId={partner.AccessKeyId} AccessKeySecret={partner.AccessKeySecret}");
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
