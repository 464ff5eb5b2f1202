using VirtualOperator.ContractTests.Targets;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>
/// The run's one target, made on first use from the environment and shared by every test class
/// (one in-process emulator for the whole run keeps the suite fast; isolation comes from fresh partners).
/// </summary>
public static class ContractRun
{
    private static readonly Lazy<TargetSettings> LazySettings = new(TargetSettings.FromEnvironment);
    private static readonly Lazy<ContractTarget> LazyTarget = new(Create);

    /// <summary>The settings; a configuration error surfaces as each test's failure, with the message saying what to set.</summary>
    public static TargetSettings Settings => LazySettings.Value;

    public static ContractTarget Target => LazyTarget.Value;

    /// <summary>The settings, or the reason they are unusable (discovery must not throw).</summary>
    public static (TargetSettings? Settings, string? Error) TrySettings()
    {
        try { return (LazySettings.Value, null); }
        catch (TargetConfigurationException e) { return (null, e.Message); }
    }

    /// <summary>After each contract test: a recording run writes that test's replay mappings.</summary>
    public static void AfterTest(TestContext test)
    {
        if (LazyTarget.IsValueCreated && LazyTarget.Value is RealTarget { Recorder: { } recorder }) recorder.Flush(test);
    }

    private static ContractTarget Create()
    {
        var settings = Settings;
        ContractTarget target = settings.Kind switch
        {
            TargetKind.InProcess => new InProcessTarget(),
            TargetKind.Url => new UrlTarget(settings.EmulatorUrl!),
            TargetKind.Real => new RealTarget(settings),
            TargetKind.Replay => new ReplayTarget(settings),
            _ => throw new TargetConfigurationException($"Unknown target {settings.Kind}."),
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => target.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return target;
    }
}
