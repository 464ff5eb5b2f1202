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

    public static bool Has(string testClass, string testMethod) => File.Exists(PathFor(testClass, testMethod));

    public static IEnumerable<string> MappingFiles() =>
        Directory.Exists(RepoPaths.Replay)
            ? Directory.EnumerateFiles(RepoPaths.Replay, "*.json", SearchOption.AllDirectories).Where(f => f != TagsPath).Order(StringComparer.Ordinal)
            : [];

    private static readonly Lazy<Dictionary<string, string>> Tags = new(() =>
        File.Exists(TagsPath) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(TagsPath)) ?? [] : []);

    public static string? RecordedTag(string testId) => Tags.Value.GetValueOrDefault(testId);

    private static readonly Lock TagLock = new();

    public static void WriteTag(string testId, string? tag, string? root = null)
    {
        root ??= RepoPaths.Replay;
        var tagsPath = TagsPathIn(root);
        lock (TagLock)
        {
            var tags = File.Exists(tagsPath) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(tagsPath)) ?? [] : [];
            if (string.IsNullOrEmpty(tag)) { if (!tags.Remove(testId)) return; }
            else tags[testId] = tag;
            Directory.CreateDirectory(root);
            var sorted = new JsonObject(tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value))));
            File.WriteAllText(tagsPath, sorted.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
    }
}
