using VirtualOperator.Emulator.Hosting;

// `--healthcheck [URL]`: exits 0 when the emulator answers /_emulator/health (the Docker HEALTHCHECK; the image has no curl).
if (args.Length > 0 && args[0] == "--healthcheck")
    return await HealthCheck.RunAsync(args.Length > 1 ? args[1] : EmulatorOptions.DefaultUrl);

if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    Console.WriteLine(EmulatorHost.Help);
    return 0;
}

// Everything the emulator is (configuration, services, middleware, routes) is built in one place, EmulatorHost,
// which the VirtualOperator.Emulator.Testing fixture hosts in-process too.
WebApplication app;
EmulatorReadiness readiness;
try
{
    (app, readiness) = EmulatorHost.Build(args);
}
catch (EmulatorStartRefusedException refusal)
{
    Console.Error.WriteLine(refusal.Message);
    return 2;
}
app.Run();
// A failed start stopped the host; surface it as a failed exit, as when it ran inline.
await readiness.Ready;
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
