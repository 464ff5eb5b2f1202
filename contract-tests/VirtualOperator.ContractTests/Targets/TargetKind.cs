namespace VirtualOperator.ContractTests.Targets;

/// <summary>Where the suite's calls go; chosen by <c>VO_TARGET</c> (docs/contract-tests.md).</summary>
public enum TargetKind
{
    /// <summary>The emulator hosted by WebApplicationFactory in the test process (default).</summary>
    InProcess,
    /// <summary>An emulator already running elsewhere, at <c>EMULATOR_URL</c>.</summary>
    Url,
    /// <summary>A real Alibaba Cloud test account.</summary>
    Real,
    /// <summary>Recorded real answers served by WireMock.Net from fixtures/replay.</summary>
    Replay,
}
