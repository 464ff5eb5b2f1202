namespace VirtualOperator.Emulator.Hosting;

/// <summary>Bound from the <c>Emulator</c> configuration section (appsettings, <c>Emulator__*</c> environment, command line).</summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";
    public const string DefaultUrl = "http://127.0.0.1:4590";

    /// <summary>LiteDB file; empty means in memory. Also <c>--data PATH</c>.</summary>
    public string? DataPath { get; set; }

    /// <summary>Folder holding <c>api/catalog.json</c> and <c>seed/</c>; defaults to the copy beside the binary.</summary>
    public string? FixturesPath { get; set; }

    public SeedPartnerOptions Partner { get; set; } = new();
    public TestAccountOptions TestAccount { get; set; } = new();
    public SignatureOptions Signature { get; set; } = new();

    /// <summary>How many recent calls the request journal keeps.</summary>
    public int JournalSize { get; set; } = 5000;

    /// <summary>
    /// Token the control plane (<c>/_emulator/*</c>) asks for; empty means none. Also <c>--control-token TOKEN</c>.
    /// Required when the emulator listens beyond loopback (<see cref="ControlTokenRequirement"/>).
    /// </summary>
    public string? ControlToken { get; set; }

    public ControlPlaneOptions ControlPlane { get; set; } = new();

    /// <summary>
    /// A connection accepted while no other is open is served inline, without Kestrel's thread-pool hand-offs
    /// (<see cref="LoneConnectionTransport"/>); false keeps Kestrel's default transport for every connection.
    /// </summary>
    public bool InlineLoneConnection { get; set; } = true;
}

public sealed class ControlPlaneOptions
{
    /// <summary>
    /// Host names (besides loopback) the control plane answers to, comma-separated (<c>Emulator__ControlPlane__AllowedHosts=emulator,ci-box</c>);
    /// <c>*</c> allows any. Anything else is refused, so a web page cannot reach it by DNS rebinding.
    /// </summary>
    public string? AllowedHosts { get; set; }
}

public sealed class SeedPartnerOptions
{
    public string Uid { get; set; } = "1688000000000001";
    public string Name { get; set; } = "default-partner";
    public string AccessKeyId { get; set; } = "LTAI5tVoEmulatorDefault1";
    public string AccessKeySecret { get; set; } = "VoEmulatorDefaultSecret0000000";
    public bool TestAccount { get; set; } = true;
}

/// <summary>The limits of a real test account (integration overview): 20 customers, valid one month.</summary>
public sealed class TestAccountOptions
{
    public int CustomerLimit { get; set; } = 20;
    public int ValidityMonths { get; set; } = 1;
}

public sealed class SignatureOptions
{
    /// <summary>Allowed distance between a request's timestamp and wall-clock time (ERRORS.md: 15 minutes).</summary>
    public int AllowedSkewMinutes { get; set; } = 15;
}
