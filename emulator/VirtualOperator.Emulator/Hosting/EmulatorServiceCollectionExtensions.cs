using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.ControlPlane;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Pipeline;
using VirtualOperator.Emulator.Protocol.Signing;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Hosting;

public static class EmulatorServiceCollectionExtensions
{
    /// <summary>Everything the wire and the control plane need; products add their own stores with <c>Add&lt;Product&gt;()</c>.</summary>
    public static IServiceCollection AddEmulatorCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmulatorOptions>().Bind(configuration.GetSection(EmulatorOptions.Section));

        // Two clocks on purpose: wall time for signatures, virtual time for the domain (DESIGN.md).
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new WallClock(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<VirtualClock>();
        services.AddSingleton<DueWorkRunner>();
        services.AddSingleton<ControlPlane.ClockMoves>();

        services.AddSingleton(sp => new EmulatorDatabase(sp.GetRequiredService<IOptions<EmulatorOptions>>().Value.DataPath));
        services.AddSingleton<PartnerStore>();
        services.AddSingleton<ICredentialSource, PartnerCredentialSource>();

        services.AddSingleton(sp =>
        {
            var fixtures = sp.GetRequiredService<IOptions<EmulatorOptions>>().Value.FixturesPath;
            return ActionCatalog.Load(fixtures is null ? ActionCatalog.DefaultPath() : Path.Combine(fixtures, "api", "catalog.json"));
        });
        services.AddSingleton(_ => ActionRegistry.ForEmulator(Products.ProductRegistration.NonRpcActions));
        services.AddSingleton<NonceCache>();
        services.AddSingleton<SignatureVerifier>();
        services.AddSingleton<RequestJournal>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<RpcEndpoint>();
        services.AddSingleton<EmulatorState>();
        services.AddSingleton<InFlightRequests>();
        services.AddSingleton<ControlPlane.Bundles.PartnerBundles>();
        return services;
    }

    /// <summary>Counts every request but the control plane's in flight, so a reset waits for them (<see cref="InFlightRequests"/>).</summary>
    public static void UseInFlightRequests(this IApplicationBuilder app)
    {
        var inFlight = app.ApplicationServices.GetRequiredService<InFlightRequests>();
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/_emulator"))
            {
                await next(http);
                return;
            }
            using var lease = await inFlight.EnterAsync(http.RequestAborted);
            await next(http);
        });
    }

    /// <summary>Seeds the default partner, restores a durable clock, and keeps it saved as it moves.</summary>
    public static void StartEmulatorState(this IServiceProvider services)
    {
        var db = services.GetRequiredService<EmulatorDatabase>();
        var clock = services.GetRequiredService<VirtualClock>();
        if (db.IsDurable)
        {
            if (db.GetMeta<ClockState>("clock") is { } saved) clock.Import(saved);
            clock.Moved += _ => db.SetMeta("clock", clock.Export);
            // A floor raised by an applied event is saved with that event (it runs inside the event's unit of work), so a
            // restart cannot set time back past something already applied.
            clock.FloorRaised += _ => db.SetMeta("clock", clock.Export);
        }
        services.GetRequiredService<PartnerStore>().EnsureDefault();
    }
}
