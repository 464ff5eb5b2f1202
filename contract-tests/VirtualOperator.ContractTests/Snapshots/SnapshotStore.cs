using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.Snapshots;

/// <summary>
/// Snapshot files: <c>fixtures/snapshots/&lt;Product&gt;/&lt;Class&gt;/&lt;Method&gt;.json</c>, one per test, holding its named,
/// normalized responses. They are written only by the tool (a run with <c>VO_SNAPSHOT_UPDATE=1</c>, which
/// scripts/record.sh sets), never by hand; every other run compares against them.
/// </summary>
public static class SnapshotStore
{
    public const string UpdateVar = "VO_SNAPSHOT_UPDATE";
    public const string SourceVar = "VO_RECORD_SOURCE";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly ConcurrentDictionary<string, object> Locks = new();
    private static readonly ConcurrentDictionary<string, bool> RewrittenThisRun = new();

    public static bool UpdateMode => Environment.GetEnvironmentVariable(UpdateVar) == "1";

    public static string PathFor(string testClass, string testMethod, string? root = null) =>
        Path.Combine(root ?? RepoPaths.Snapshots, TestContext.ClassFolder(testClass), testMethod + ".json");

    /// <summary>Normalizes <paramref name="actual"/> and records it (update mode) or compares it with the recorded one.</summary>
    /// <exception cref="SnapshotMismatchException">No recording, an edited file, or a difference (the message carries the diff).</exception>
    public static void Match(TestContext test, string name, JsonNode actual, string? partnerUid, IReadOnlyList<ISnapshotNormalizer>? extra = null) =>
        Match(test, name, actual, partnerUid, extra, RepoPaths.Snapshots, UpdateMode);

    /// <summary>The same, with the directory and the mode given (for the harness's own tests).</summary>
    public static void Match(TestContext test, string name, JsonNode actual, string? partnerUid, IReadOnlyList<ISnapshotNormalizer>? extra, string root, bool update)
    {
        var normalizers = Normalizers.Default.Concat(extra ?? []).ToList();
        var normalized = actual.DeepClone();
        var context = new NormalizationContext(partnerUid);
        foreach (var n in normalizers) n.Apply(normalized, context);

        var path = PathFor(test.ClassName, test.MethodName, root);
        lock (Locks.GetOrAdd(path, _ => new object()))
        {
            if (update) { Write(path, test, name, normalized, normalizers); return; }

            if (!File.Exists(path))
                throw new SnapshotMismatchException($"No snapshot file for {test.Id} ({Relative(path)}). Snapshots are written by the tool: record with scripts/record.sh.");
            var file = JsonNode.Parse(File.ReadAllText(path))!;
            if (file["checksum"]?.GetValue<string>() != Checksum(file["snapshots"]))
                throw new SnapshotMismatchException($"{Relative(path)} was edited by hand (its checksum no longer matches). Snapshots are written by the tool: re-record with scripts/record.sh.");
            var recorded = file["snapshots"]?[name];
            if (recorded is null)
                throw new SnapshotMismatchException($"No snapshot \"{name}\" in {Relative(path)}. Snapshots are written by the tool: record with scripts/record.sh.");
            if (SnapshotDiff.Diff(recorded, normalized) is { } diff)
                throw new SnapshotMismatchException($"Snapshot \"{name}\" of {test.Id} differs from {Relative(path)} (after normalizers {string.Join(", ", normalizers.Select(n => n.Name))}):\n{diff}");
        }
    }

    private static void Write(string path, TestContext test, string name, JsonNode normalized, IReadOnlyList<ISnapshotNormalizer> normalizers)
    {
        // The first write of a run starts the file afresh, so snapshots a test no longer takes disappear.
        var existing = RewrittenThisRun.TryAdd(path, true) || !File.Exists(path) ? null : JsonNode.Parse(File.ReadAllText(path))!["snapshots"]!.AsObject();
        var snapshots = new JsonObject();
        foreach (var (k, v) in existing ?? []) if (k != name) snapshots[k] = v?.DeepClone();
        snapshots[name] = normalized;
        var file = new JsonObject
        {
            ["test"] = test.Id,
            ["recordedFrom"] = Environment.GetEnvironmentVariable(SourceVar) is { Length: > 0 } s ? s : ContractReport.TargetName,
            ["normalizers"] = new JsonArray(normalizers.Select(n => (JsonNode)JsonValue.Create(n.Name)).ToArray()),
            ["snapshots"] = snapshots,
            ["checksum"] = Checksum(snapshots),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = Recording.SecretScrubber.Current.Scrub(file.ToJsonString(Indented)) + "\n";
        Recording.SecretScrubber.Current.AssertClean(text, path);
        File.WriteAllText(path, text);
    }

    /// <summary>Of the canonical form, so re-indenting is harmless but any changed value is caught.</summary>
    private static string Checksum(JsonNode? snapshots) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(SnapshotDiff.Canonical(snapshots))));

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path);
}

/// <summary>A response does not match its recorded snapshot, or there is none.</summary>
public sealed class SnapshotMismatchException(string message) : Exception(message);
