namespace VirtualOperator.ContractTests.Harness;

/// <summary>Paths in the repository, found from the test binary by walking up to the solution file.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VirtualOperator.Emulator.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No VirtualOperator.Emulator.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => LazyRoot.Value;
    public static string Fixtures => Path.Combine(Root, "fixtures");
    public static string Snapshots => Environment.GetEnvironmentVariable("VO_SNAPSHOT_DIR") is { Length: > 0 } d ? d : Path.Combine(Fixtures, "snapshots");
    public static string Replay => Environment.GetEnvironmentVariable("VO_REPLAY_DIR") is { Length: > 0 } d ? d : Path.Combine(Fixtures, "replay");
    public static string TestOutput => Environment.GetEnvironmentVariable("VO_REPORT_DIR") is { Length: > 0 } d ? d : Path.Combine(Root, ".test-output");
}
