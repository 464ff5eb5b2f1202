namespace VirtualOperator.Bench;

// bench run   [--out FILE]   the full run (minutes): the published numbers
// bench smoke [--out FILE]   every phase, in seconds, no thresholds (scripts/test.d/90-bench-smoke.sh)
// bench micro [BenchmarkDotNet args]   micro-benchmarks of the emulator's hot path
// bench verify                         the whole signature check, V3 and V1, per call
// bench serve-wiremock --urls URL --body Action=FILE ...   (started by the bench itself)
public static class BenchProgram
{
    // Not top-level statements: the emulator assembly this references already has a public Program.
    public static async Task<int> Main(string[] args)
    {
        var command = args.FirstOrDefault() ?? "run";
        switch (command)
        {
            case "serve-wiremock":
                return await WireMockHost.ServeAsync(args[1..]);
            case "verify":
                Micro.VerifyBenchmarks.Run(Console.Out);
                return 0;
            case "micro":
                BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args[1..], Micro.HotPathConfig.Create());
                return 0;
            case "run" or "smoke":
                var settings = (command == "smoke" ? BenchSettings.SmokeRun : BenchSettings.Full).With(args);
                // The last occurrence wins, so a flag given to scripts/bench.sh overrides the published builds it passes first.
                string? PathArg(string name) { var i = Array.LastIndexOf(args, name); return i > 0 && i + 1 < args.Length ? Path.GetFullPath(args[i + 1]) : null; }
                var paths = BenchPaths.Find() with { EmulatorOverride = PathArg("--emulator-dll"), BareOverride = PathArg("--bare-dll") };
                var outIndex = Array.IndexOf(args, "--out");
                var outFile = outIndex > 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : Path.Combine(paths.Root, ".bench-output", $"{command}.md");
                var results = await new BenchRun(paths, settings, Console.Out).RunAsync();
                var markdown = Report.Markdown(results, settings);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
                await File.WriteAllTextAsync(outFile, markdown);
                Console.WriteLine();
                Console.WriteLine(markdown);
                Console.WriteLine($"Written to {outFile}");
                // A smoke fails only when a phase could not run (an exception, or a server answering errors).
                return results.Throughput.Any(t => t.Result.Errors > 0 || t.Result.Requests == 0) ? 1 : 0;
            default:
                Console.Error.WriteLine($"Unknown command \"{command}\": use run, smoke or micro.");
                return 2;
        }
    }
}
