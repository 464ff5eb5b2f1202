using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>
/// The per-target report: every contract test's outcome (skips with their reasons), printed as a table and
/// written to <c>.test-output/contract-&lt;target&gt;.json</c> and <c>.xml</c> (JUnit) when the run ends.
/// </summary>
public static class ContractReport
{
    public sealed record Entry(string Test, string Class, string Parity, string Cost, string Outcome, string? Detail, decimal Seconds);

    private static readonly ConcurrentDictionary<string, Entry> Entries = new();

    private static readonly System.Diagnostics.Stopwatch Clock = new();

    public static bool HasEntries => !Entries.IsEmpty;

    public static void RunStarted() => Clock.Restart();

    public static void Record(ITest test, string outcome, string? detail, decimal seconds)
    {
        var cls = test.TestCase.TestMethod.TestClass.Class.Name;
        var (traits, _) = ContractTraits.Of(test.TestCase.TestMethod.Method.ToRuntimeMethod());
        Entries[test.DisplayName] = new Entry(test.DisplayName, cls, traits?.Parity.Name ?? "", traits?.Cost.ToString() ?? "", outcome, detail, seconds);
    }

    public static string TargetName => ContractRun.TrySettings().Settings?.Kind.ToString().ToLowerInvariant() ?? "misconfigured";

    public static void Write()
    {
        var entries = Entries.Values.OrderBy(e => e.Test, StringComparer.Ordinal).ToList();
        var dir = RepoPaths.TestOutput;
        Directory.CreateDirectory(dir);
        var target = TargetName;
        var summary = new
        {
            target,
            passed = entries.Count(e => e.Outcome == "passed"),
            failed = entries.Count(e => e.Outcome == "failed"),
            skipped = entries.Count(e => e.Outcome == "skipped"),
            seconds = entries.Sum(e => e.Seconds),
            wallSeconds = Math.Round(Clock.Elapsed.TotalSeconds, 2),
            tests = entries,
        };
        File.WriteAllText(Path.Combine(dir, $"contract-{target}.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        File.WriteAllText(Path.Combine(dir, $"contract-{target}.xml"), JUnit(target, entries).ToString());
        File.WriteAllText(Path.Combine(dir, $"contract-{target}.txt"), Table(target, entries, Clock.Elapsed));
    }

    public static string Table(string target, IReadOnlyList<Entry> entries, TimeSpan wall)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"contract suite, target {target}: {entries.Count(e => e.Outcome == "passed")} passed, {entries.Count(e => e.Outcome == "failed")} failed, {entries.Count(e => e.Outcome == "skipped")} skipped in {wall.TotalSeconds:0.0} s");
        foreach (var g in entries.GroupBy(e => e.Parity).OrderBy(g => g.Key, StringComparer.Ordinal))
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {g.Key,-12} {g.Count(e => e.Outcome == "passed")} passed, {g.Count(e => e.Outcome == "failed")} failed, {g.Count(e => e.Outcome == "skipped")} skipped");
        foreach (var e in entries.Where(e => e.Outcome != "passed"))
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {e.Outcome,-7} {e.Test}: {FirstLine(e.Detail)}");
        return sb.ToString();
    }

    private static XElement JUnit(string target, IReadOnlyList<Entry> entries) =>
        new("testsuites",
            new XElement("testsuite",
                new XAttribute("name", $"contract-{target}"),
                new XAttribute("tests", entries.Count),
                new XAttribute("failures", entries.Count(e => e.Outcome == "failed")),
                new XAttribute("skipped", entries.Count(e => e.Outcome == "skipped")),
                entries.Select(e => new XElement("testcase",
                    new XAttribute("classname", e.Class),
                    new XAttribute("name", e.Test),
                    new XAttribute("time", e.Seconds.ToString(CultureInfo.InvariantCulture)),
                    new XElement("properties",
                        new XElement("property", new XAttribute("name", "Parity"), new XAttribute("value", e.Parity)),
                        new XElement("property", new XAttribute("name", "Cost"), new XAttribute("value", e.Cost))),
                    e.Outcome switch
                    {
                        "failed" => new XElement("failure", new XAttribute("message", FirstLine(e.Detail)), e.Detail),
                        "skipped" => new XElement("skipped", new XAttribute("message", e.Detail ?? "")),
                        _ => null,
                    }))));

    private static string FirstLine(string? s) => (s ?? "").Split('\n')[0].Trim();
}
