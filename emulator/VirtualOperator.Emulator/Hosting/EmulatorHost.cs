using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.ControlPlane;
using VirtualOperator.Emulator.Products;
using VirtualOperator.Emulator.Protocol.Pipeline;

namespace VirtualOperator.Emulator.Hosting;

/// <summary>
/// Builds the emulator's web application: used by <c>Program</c> (the executable and the <c>vo-emulator</c> tool) and by
/// <c>VirtualOperator.Emulator.Testing</c>, which hosts it inside a test process. One place, so both run the same emulator.
/// </summary>
public static class EmulatorHost
{
    /// <summary>Short command-line switches and the configuration keys they set (<c>--help</c> lists them).</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--data"] = "Emulator:DataPath",
        ["--control-token"] = "Emulator:ControlToken",
        ["--log-level"] = "Logging:LogLevel:Default",
        ["--partner-uid"] = "Emulator:Partner:Uid",
        ["--partner-access-key-id"] = "Emulator:Partner:AccessKeyId",
        ["--partner-access-key-secret"] = "Emulator:Partner:AccessKeySecret",
        ["--partner-name"] = "Emulator:Partner:Name",
        ["--journal-size"] = "Emulator:JournalSize",
    };

    /// <summary>
    /// The application, ready to run, and its readiness (state, catalog, handlers loading on another thread).
    /// Throws <see cref="EmulatorStartRefusedException"/> when the configuration must not start (see <see cref="ControlTokenRequirement"/>).
    /// </summary>
    public static (WebApplication App, EmulatorReadiness Readiness) Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is the binary's folder, not the working directory: `dotnet path/to/VirtualOperator.Emulator.dll`
        // started anywhere reads its own appsettings.json (without it, every request was logged at Information).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, Switches.ToDictionary(s => s.Key, s => s.Value));
        // `--port N` is `--urls http://127.0.0.1:N`.
        if (builder.Configuration["port"] is { Length: > 0 } port && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        // One loopback port unless --urls / ASPNETCORE_URLS says otherwise.
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(EmulatorOptions.DefaultUrl);
        // Kestrel's own refusals (400/414/431/505 before any middleware) get the emulator's JSON error body.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.UseKestrelErrorBodies()));
        // A lone connection is served inline (LoneConnectionTransport); Kestrel takes the transport registered last.
        if (builder.Configuration.GetValue($"{EmulatorOptions.Section}:{nameof(EmulatorOptions.InlineLoneConnection)}", true))
            builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IConnectionListenerFactory, LoneConnectionTransport>();
        configure?.Invoke(builder);

        // Listening beyond loopback without a control token would open the control plane to the network: refuse to start.
        if (ControlTokenRequirement.Check(builder.Configuration) is { } refusal) throw new EmulatorStartRefusedException(refusal);

        builder.Services.AddEmulatorCore(builder.Configuration);
        builder.Services.AddProducts();
        builder.Services.AddNonRpcErrors();
        builder.Services.AddControlPlaneDocs();

        var app = builder.Build();
        // The state, the catalog and the handlers load on another thread while the server starts; every request waits for them.
        var readiness = EmulatorReadiness.Start(app);
        // Every /_emulator path is refused to foreign hosts, cross-site pages, non-JSON writes and (if set) callers without the token.
        app.UseControlPlaneGuard();
        readiness.UseGate(app);
        // A reset waits for the requests in flight and holds new ones until it is done.
        app.UseInFlightRequests();
        app.UseRouting();

        // Whatever escapes a handler's own error handling still answers the real envelope, never an HTML or text page.
        app.UseExceptionHandler(error => error.Run(InternalErrorEnvelope.WriteAsync));

        // Bad input to the plain-JSON routes answers JSON {"error"}, never an empty body or an exception page.
        app.UseNonRpcErrors();

        // The control plane first: it is never signed.
        app.MapControlPlane();
        app.MapControlPlaneDocs();
        // Product-specific non-RPC routes (federation sign-in, console pages, message queues).
        app.MapProductRoutes();
        // Every signed RPC call of every product: POST or GET on "/".
        RpcEndpoint.Map(app);

        // The banner (the "listening on" line scripts wait for) is printed once the emulator is ready, not merely listening.
        app.Lifetime.ApplicationStarted.Register(() => readiness.Ready.ContinueWith(_ => PrintBanner(app),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));
        // Close the data file as soon as requests have stopped, not whenever the container is disposed: a restarted
        // emulator (or a test host) opening the same --data file must never overlap with this one's last writes.
        app.Lifetime.ApplicationStopped.Register(() => app.Services.GetRequiredService<Storage.EmulatorDatabase>().Dispose());
        return (app, readiness);
    }

    /// <summary>The addresses the server listens on (real ports once started, also with port 0).</summary>
    public static IReadOnlyCollection<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private static void PrintBanner(WebApplication app)
    {
        var partner = EmulatorReadiness.DefaultPartner(app.Services);
        var options = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
        foreach (var a in Addresses(app)) Console.WriteLine($"VirtualOperator.Emulator {ControlPlaneApi.Version} listening on {a}");
        Console.WriteLine($"Storage: {(string.IsNullOrEmpty(options.DataPath) ? "in memory" : options.DataPath)}");
        Console.WriteLine($"Control plane: /_emulator, {(string.IsNullOrEmpty(options.ControlToken) ? "no token (loopback only)" : "token required")}");
        Console.WriteLine($"Default partner: uid={partner.Uid} AccessKeyId={partner.AccessKeyId} AccessKeySecret={partner.AccessKeySecret}");
    }

    /// <summary>What <c>--help</c> prints.</summary>
    public static string Help => $"""
        VirtualOperator.Emulator {ControlPlaneApi.Version}: a local emulator of Alibaba Cloud's reseller (Virtual Operator) APIs.

        Usage: vo-emulator [options]        (or: dotnet VirtualOperator.Emulator.dll [options])

          --urls URL[;URL]                  where to listen (default {EmulatorOptions.DefaultUrl}); also ASPNETCORE_URLS
          --port N                          shorthand for --urls http://127.0.0.1:N
          --data PATH                       keep state in a LiteDB file (default: in memory, fresh every run); Emulator__DataPath
          --control-token TOKEN             token the control plane (/_emulator) asks for, as "Authorization: Bearer TOKEN";
                                            required to listen beyond loopback; Emulator__ControlToken
          --log-level LEVEL                 Trace, Debug, Information (default), Warning, Error; Logging__LogLevel__Default
          --partner-uid UID                 default partner's uid (default 1688000000000001); Emulator__Partner__Uid
          --partner-access-key-id ID        default partner's AccessKeyId; Emulator__Partner__AccessKeyId
          --partner-access-key-secret S     default partner's AccessKeySecret; Emulator__Partner__AccessKeySecret
          --partner-name NAME               default partner's name; Emulator__Partner__Name
          --journal-size N                  how many recent calls the request journal keeps (default 5000); Emulator__JournalSize
          --healthcheck [URL]               exit 0 when an emulator answers URL/_emulator/health (default {EmulatorOptions.DefaultUrl})
          --help, -h                        this text

        Any other setting: --Emulator:Section:Key value, or the environment variable Emulator__Section__Key (README, "Configuration").
        """;
}

/// <summary>The configuration must not start (the message says why and what to do).</summary>
public sealed class EmulatorStartRefusedException(string message) : Exception(message);
