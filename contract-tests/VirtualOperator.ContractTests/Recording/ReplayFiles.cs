using System.Text.Json;
using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.Recording;

/// <summary>
/// The replay fixtures: <c>fixtures/replay/&lt;Product&gt;/&lt;Class&gt;/&lt;Method&gt;.json</c>, each a JSON array of WireMock.Net
/// mappings (one per call of that test), and <c>fixtures/replay/data-tags.json</c>, the <c>VO_RUN_TAG</c> a test's
/// data was generated with, so the replayed test sends what the recorded one sent.
/// </summary>
public static class ReplayFiles
{
    public static string PathFor(string testClass, string testMethod, string? root = null) =>
        Path.Combine(root ?? RepoPaths.Replay, TestContext.ClassFolder(testClass), testMethod + ".json");

    public static string TagsPath => TagsPathIn(RepoPaths.Replay);

    private static string TagsPathIn(string root) => Path.Combine(root, "data-tags.json");

    /// <summary>
    /// <c>fixtures/replay/recorded-from.json</c>: test id to where its recording came from, <c>real</c> for the real cloud,
    /// anything else (the emulator standing in) says it was never compared with the real service.
    /// </summary>
    public static string SourcesPath => SourcesPathIn(RepoPaths.Replay);

    private static string SourcesPathIn(string root) => Path.Combine(root, "recorded-from.json");

    public const string Real = "real";

    /// <summary>What this recording run records from: <c>VO_RECORD_SOURCE</c> (scripts/record.sh sets it), else real.</summary>
    public static string CurrentSource => Environment.GetEnvironmentVariable(Snapshots.SnapshotStore.SourceVar) is { Length: > 0 } s ? s : Real;

    private static readonly Lazy<Dictionary<string, string>> Sources = new(() => ReadMap(SourcesPath));

    public static string? RecordedFrom(string testId) => Sources.Value.GetValueOrDefault(testId);

    public static bool IsFromReal(string? source) => string.Equals(source, Real, StringComparison.Ordinal);

    public static void WriteSource(string testId, string source, string? root = null) =>
        WriteEntry(SourcesPathIn(root ?? RepoPaths.Replay), testId, source, root ?? RepoPaths.Replay);

    private static Dictionary<string, string> ReadMap(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [] : [];

    public static bool Has(string testClass, string testMethod) => File.Exists(PathFor(testClass, testMethod));

    public static IEnumerable<string> MappingFiles() =>
        Directory.Exists(RepoPaths.Replay)
            ? Directory.EnumerateFiles(RepoPaths.Replay, "*.json", SearchOption.AllDirectories).Where(f => f != TagsPath && f != SourcesPath).Order(StringComparer.Ordinal)
            : [];

    private static readonly Lazy<Dictionary<string, string>> Tags = new(() =>
        File.Exists(TagsPath) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(TagsPath)) ?? [] : []);

    public static string? RecordedTag(string testId) => Tags.Value.GetValueOrDefault(testId);

    private static readonly Lock TagLock = new();

    public static void WriteTag(string testId, string? tag, string? root = null)
    {
        root ??= RepoPaths.Replay;
        WriteEntry(TagsPathIn(root), testId, tag, root);
    }

    private static void WriteEntry(string path, string testId, string? value, string root)
    {
        lock (TagLock)
        {
            var map = ReadMap(path);
            if (string.IsNullOrEmpty(value)) { if (!map.Remove(testId)) return; }
            else map[testId] = value;
            Directory.CreateDirectory(root);
            var sorted = new JsonObject(map.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value))));
            File.WriteAllText(path, sorted.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
    }
}
