using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Snapshots;
using VirtualOperator.ContractTests.Targets;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>
/// What a contract test class gets (<c>IClassFixture&lt;ContractFixture&gt;</c>): the run's target, a partner
/// account with a signing client, fresh isolated partners on emulator targets, and the control plane.
/// </summary>
public sealed class ContractFixture : IAsyncLifetime
{
    private PartnerSession? _partner;

    public ContractTarget Target => ContractRun.Target;

    /// <summary>The partner this class works in: a fresh one on emulators, the test account on real/replay.</summary>
    public PartnerSession Partner => _partner ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>A client signing as <see cref="Partner"/>.</summary>
    public AcsClient Client => Partner.Client;

    /// <summary>The emulator control plane. Tests that use it must be <c>[EmulatorOnly]</c>: real and replay have none.</summary>
    public ControlPlane ControlPlane => Target.ControlPlane
        ?? throw new InvalidOperationException($"Target {Target.Kind} has no control plane; a test using it must be [EmulatorOnly(\"why\")].");

    /// <summary>A new isolated partner (own customers, clock, faults). Emulator targets only: mark the test <c>[EmulatorOnly]</c>.</summary>
    public Task<PartnerSession> NewPartnerAsync()
    {
        if (!Target.IsEmulator)
            throw new InvalidOperationException($"Target {Target.Kind} cannot create partners; a test needing a fresh partner must be [EmulatorOnly(\"why\")].");
        return Target.OpenPartnerAsync();
    }

    /// <summary>
    /// Compares the response, normalized, with the snapshot recorded for the running test under this name
    /// (or records it, when the run records). A difference fails with a diff.
    /// </summary>
    public void MatchSnapshot(string name, AcsResponse response, params ISnapshotNormalizer[] extra) =>
        SnapshotStore.Match(CurrentTest, name, SnapshotSubjects.Of(response), Partner.Uid, extra);

    /// <inheritdoc cref="MatchSnapshot(string, AcsResponse, ISnapshotNormalizer[])"/>
    public void MatchSnapshot(string name, AcsApiException error, params ISnapshotNormalizer[] extra) =>
        SnapshotStore.Match(CurrentTest, name, SnapshotSubjects.Of(error), Partner.Uid, extra);

    private static TestContext CurrentTest => TestContext.Current ?? throw new InvalidOperationException("Snapshots are taken inside a [ContractFact].");

    public async Task InitializeAsync() => _partner = await Target.OpenPartnerAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
