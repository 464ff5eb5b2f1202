using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Hosting;

/// <summary>
/// The work a request needs done before it may be answered (the state seeded with the default partner, the action
/// catalog and the handler registry loaded), started on a pool thread as soon as the host is built so that it runs
/// while the server starts and routing is built, instead of before both. Every request, <c>/_emulator/health</c>
/// included, waits for it: "healthy" still means "ready", and the first call is answered exactly as before.
/// If it fails the emulator stops, as it did when this work ran inline before the server started.
/// </summary>
public sealed class EmulatorReadiness
{
    private readonly Task _ready;

    private EmulatorReadiness(Task ready) => _ready = ready;

    public Task Ready => _ready;

    public static EmulatorReadiness Start(WebApplication app)
    {
        var services = app.Services;
        // The catalog and the handlers are part of "ready"; the stores the RPC pipeline needs are still built at the first
        // call, as before. They share nothing with the state, so they load beside it rather than after it.
        var ready = Task.WhenAll(
            Task.Run(services.StartEmulatorState),
            Task.Run(() =>
            {
                services.GetRequiredService<ActionCatalog>();
                services.GetRequiredService<ActionRegistry>();
            }));
        ready.ContinueWith(t =>
        {
            Console.Error.WriteLine($"VirtualOperator.Emulator could not start: {t.Exception!.GetBaseException()}");
            app.Lifetime.StopApplication();
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return new EmulatorReadiness(ready);
    }

    /// <summary>
    /// Holds every request until the emulator is ready, then answers <c>GET /_emulator/health</c> itself, ahead of
    /// routing: the same body as the mapped route, without making the health probe wait for ASP.NET to build the
    /// route table of every endpoint (about fifty, built at the first routed request instead).
    /// Call before <c>UseRouting</c>.
    /// </summary>
    public void UseGate(IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (!_ready.IsCompletedSuccessfully) await _ready;
            if (HttpMethods.IsGet(http.Request.Method) && http.Request.Path.Equals("/_emulator/health", StringComparison.OrdinalIgnoreCase))
            {
                await http.Response.WriteAsJsonAsync(ControlPlane.ControlPlaneApi.Health(http.RequestServices.GetRequiredService<Clock.VirtualClock>()),
                    ControlPlane.HealthJson.Default.HealthView);
                return;
            }
            await next(http);
        });

    /// <summary>The default partner, once ready (the banner prints it).</summary>
    public static Partner DefaultPartner(IServiceProvider services) => services.GetRequiredService<PartnerStore>().EnsureDefault();
}
