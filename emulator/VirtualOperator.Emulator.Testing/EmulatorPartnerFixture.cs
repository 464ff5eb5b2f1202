using Xunit;

namespace VirtualOperator.Emulator.Testing;

/// <summary>
/// The one line a test class needs: <c>public class MyTests(EmulatorPartnerFixture emulator) : IClassFixture&lt;EmulatorPartnerFixture&gt;</c>.
/// Every test class gets a fresh partner (its own customers, money, clock and faults) on the emulator of the test run
/// (<see cref="EmulatorServer.SharedAsync"/>: in-process by default, <c>EMULATOR_MODE=process</c>, or <c>EMULATOR_URL</c>).
/// </summary>
public class EmulatorPartnerFixture : IAsyncLifetime
{
    private EmulatorPartner? _partner;

    public EmulatorPartner Partner => _partner ?? throw new InvalidOperationException("The fixture is not initialized yet.");
    public EmulatorServer Server => Partner.Server;
    public string Endpoint => Partner.Endpoint;
    public string AccessKeyId => Partner.AccessKeyId;
    public string AccessKeySecret => Partner.AccessKeySecret;

    /// <summary>This partner's clock, faults, journal, reset and bundle.</summary>
    public EmulatorControl Control => Partner.Control;

    /// <summary>Whether the partner is a test account (20 customers, valid one month, like a real one). Override to change.</summary>
    protected virtual bool TestAccount => false;

    public async Task InitializeAsync()
    {
        var server = await EmulatorServer.SharedAsync();
        _partner = await server.CreatePartnerAsync(GetType().Name, TestAccount);
    }

    /// <summary>The shared emulator stays up for the other test classes; the partner's state is left for post-mortems.</summary>
    public Task DisposeAsync() => Task.CompletedTask;
}
