using VirtualOperator.ContractTests.Client;

namespace VirtualOperator.ContractTests.Targets;

/// <summary>
/// One place the suite can run against. Tests never ask which one it is to decide what to assert: they
/// assert the contract; the harness skips what a target cannot do (clock, faults, spending) with a reason.
/// </summary>
public abstract class ContractTarget : IAsyncDisposable
{
    public abstract TargetKind Kind { get; }

    /// <summary>True for in-process and URL targets: the control plane is there, partners are free.</summary>
    public bool IsEmulator => Kind is TargetKind.InProcess or TargetKind.Url;

    /// <summary>The transport for signed calls.</summary>
    public abstract HttpClient Http { get; }

    public abstract IAcsEndpoints Endpoints { get; }

    /// <summary>The <c>/_emulator</c> API; null on real and replay targets.</summary>
    public abstract ControlPlane? ControlPlane { get; }

    /// <summary>
    /// The account a test class works in. On an emulator a fresh isolated partner each time it is asked;
    /// on the real cloud (and its replay) the one test account the credentials belong to.
    /// </summary>
    public abstract Task<PartnerSession> OpenPartnerAsync();

    public AcsClient ClientFor(AcsCredentials credentials) => new(Http, Endpoints, credentials);

    public abstract ValueTask DisposeAsync();

    public override string ToString() => Kind.ToString();
}

/// <summary>A partner (reseller) account the tests act as: its uid and a client signing with its AccessKey.</summary>
public sealed record PartnerSession(string Uid, AcsClient Client);
