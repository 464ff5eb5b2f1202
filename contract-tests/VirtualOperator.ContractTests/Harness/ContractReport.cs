using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>
/// The per-target report: every contract test's outcome (skips with their reasons), printed as a table and
/// written to <c>.test-output/contract-&lt;target&gt;.json</c> and <c>.xml</c> (JUnit) when the run ends.
/// </summary>
public static class ContractReport
{
    public sealed record Entry(string Test, string Class, string Outcome, string? Detail, decimal Seconds);

    private static readonly ConcurrentDictionary<string, Entry> Entries = new();
    private static int _hooked;

    public static void Record(ITest test, string outcome, string? detail, decimal seconds)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0) AppDomain.CurrentDomain.ProcessExit += (_, _) => Write();
        var cls = test.TestCase.TestMethod.TestClass.Class.Name;
        Entries[test.DisplayName] = new Entry(test.DisplayName, cls, outcome, detail, seconds);
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
            tests = entries,
        };
        File.WriteAllText(Path.Combine(dir, $"contract-{target}.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        File.WriteAllText(Path.Combine(dir, $"contract-{target}.xml"), JUnit(target, entries).ToString());
        File.WriteAllText(Path.Combine(dir, $"contract-{target}.txt"), Table(target, entries));
    }

    public static string Table(string target, IReadOnlyList<Entry> entries)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"contract suite, target {target}: {entries.Count(e => e.Outcome == "passed")} passed, {entries.Count(e => e.Outcome == "failed")} failed, {entries.Count(e => e.Outcome == "skipped")} skipped");
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
                    e.Outcome switch
                    {
                        "failed" => new XElement("failure", new XAttribute("message", FirstLine(e.Detail)), e.Detail),
                        "skipped" => new XElement("skipped", new XAttribute("message", e.Detail ?? "")),
                        _ => null,
                    }))));

    private static string FirstLine(string? s) => (s ?? "").Split('\n')[0].Trim();
}
