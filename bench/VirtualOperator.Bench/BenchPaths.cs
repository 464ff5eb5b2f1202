namespace VirtualOperator.Bench;

/// <summary>Where the Release builds the bench starts live, found from the repository root.</summary>
public sealed record BenchPaths(string Root)
{
    /// <summary>Another build of the emulator to measure (<c>--emulator-dll PATH</c>), e.g. main's, for a before/after.</summary>
    public string? EmulatorOverride { get; init; }

    public string EmulatorDll => EmulatorOverride ?? Path.Combine(Root, "emulator/VirtualOperator.Emulator/bin/Release/net10.0/VirtualOperator.Emulator.dll");
    /// <summary>Another build of the bare app (<c>--bare-dll PATH</c>), e.g. one published the same way as the emulator.</summary>
    public string? BareOverride { get; init; }

    public string BareAppDll => BareOverride ?? Path.Combine(Root, "bench/VirtualOperator.Bench.BareApp/bin/Release/net10.0/VirtualOperator.Bench.BareApp.dll");
    public string BenchDll => typeof(BenchPaths).Assembly.Location;

    public static BenchPaths Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VirtualOperator.Emulator.sln"))) return new BenchPaths(dir.FullName);
        throw new InvalidOperationException("Run the bench from inside the repository (VirtualOperator.Emulator.sln not found above it).");
    }
}
