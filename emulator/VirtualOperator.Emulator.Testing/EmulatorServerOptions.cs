namespace VirtualOperator.Emulator.Testing;

/// <summary>How the fixture gets an emulator.</summary>
public enum EmulatorMode
{
    /// <summary>Hosted inside the test process on a free loopback port (the default): nothing to install.</summary>
    InProcess,

    /// <summary>Started as a child process (<see cref="EmulatorServerOptions.Command"/>, by default the <c>vo-emulator</c> tool) on a free port.</summary>
    Process,

    /// <summary>An emulator already running at <see cref="EmulatorServerOptions.Url"/> (<c>EMULATOR_URL</c>).</summary>
    Attach,
}

/// <summary>
/// Where the emulator comes from. <see cref="FromEnvironment"/> reads <c>EMULATOR_URL</c> (attach), else
/// <c>EMULATOR_MODE</c> (<c>inprocess</c> or <c>process</c>), <c>EMULATOR_COMMAND</c> and <c>EMULATOR_CONTROL_TOKEN</c>.
/// </summary>
public sealed record EmulatorServerOptions
{
    public EmulatorMode Mode { get; init; } = EmulatorMode.InProcess;

    /// <summary>For <see cref="EmulatorMode.Attach"/>: the emulator's base URL.</summary>
    public Uri? Url { get; init; }

    /// <summary>For <see cref="EmulatorMode.Process"/>: the executable (<c>vo-emulator</c>, or a path to it); <c>--port N</c> is appended.</summary>
    public string Command { get; init; } = "vo-emulator";

    /// <summary>Extra emulator options for <see cref="EmulatorMode.InProcess"/> and <see cref="EmulatorMode.Process"/> (see <c>vo-emulator --help</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The control token the emulator asks for, if any (sent as <c>Authorization: Bearer</c>).</summary>
    public string? ControlToken { get; init; }

    /// <summary>How long to wait for the emulator to answer <c>/_emulator/health</c>.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public static EmulatorServerOptions FromEnvironment()
    {
        var token = Environment.GetEnvironmentVariable("EMULATOR_CONTROL_TOKEN") is { Length: > 0 } t ? t : null;
        if (Environment.GetEnvironmentVariable("EMULATOR_URL") is { Length: > 0 } url)
            return new EmulatorServerOptions { Mode = EmulatorMode.Attach, Url = new Uri(url), ControlToken = token };
        var mode = Environment.GetEnvironmentVariable("EMULATOR_MODE")?.ToLowerInvariant() switch
        {
            null or "" or "inprocess" or "in-process" => EmulatorMode.InProcess,
            "process" => EmulatorMode.Process,
            var other => throw new InvalidOperationException($"EMULATOR_MODE={other}: use inprocess or process (or set EMULATOR_URL to attach)."),
        };
        return new EmulatorServerOptions
        {
            Mode = mode, ControlToken = token,
            Command = Environment.GetEnvironmentVariable("EMULATOR_COMMAND") is { Length: > 0 } c ? c : "vo-emulator",
        };
    }
}
