namespace VirtualOperator.Emulator.Tests.Browser;

/// <summary>
/// The browser tests host the emulator on a real Kestrel port through WebApplicationFactory; run beside the other test
/// classes' factories, one start-up answered "IServerAddressesFeature.Addresses cannot be modified after the server has
/// started" (the factory caught a host another class was building). They run together, after the parallel classes, alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser (real Kestrel port)";
}
