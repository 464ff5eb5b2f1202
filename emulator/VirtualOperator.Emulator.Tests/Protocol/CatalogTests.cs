using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Tests.Protocol;

public sealed class CatalogTests
{
    private static readonly ActionCatalog Catalog = ActionCatalog.Load(ActionCatalog.DefaultPath());
    private static readonly ActionRegistry Registry = new([typeof(EmulatorOptions).Assembly], VirtualOperator.Emulator.Products.ProductRegistration.NonRpcActions);

    [Fact]
    public void Catalog_ListsEveryInScopeAction()
    {
        Catalog.All.Count(a => !IsAdjacent(a.Group)).Should().Be(79);
        Catalog.All.Select(a => a.Key).Should().OnlyHaveUniqueItems();
        var reference = RepoPaths.SharedReferenceCatalog();
        if (reference is null) return;
        // The fixture holds every action of the shared reference, unchanged, plus "(adjacent)" actions a product
        // needs to be usable (their source is named in each entry); nothing else may drift from the reference.
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "fixtures", "api", "catalog.json")));
        using var shared = JsonDocument.Parse(File.ReadAllText(reference));
        JsonNode.DeepEquals(JsonNode.Parse(fixture.RootElement.GetProperty("about").GetRawText()),
            JsonNode.Parse(shared.RootElement.GetProperty("about").GetRawText())).Should().BeTrue("\"about\" is copied from the reference");
        var mine = fixture.RootElement.GetProperty("actions").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a);
        var theirs = shared.RootElement.GetProperty("actions").EnumerateArray().ToList();
        foreach (var action in theirs)
        {
            var id = action.GetProperty("id").GetString()!;
            mine.Should().ContainKey(id, "every reference action is in the fixture catalog");
            JsonNode.DeepEquals(JsonNode.Parse(mine[id].GetRawText()), JsonNode.Parse(action.GetRawText()))
                .Should().BeTrue($"{id} must be identical to shared/reference/catalog.json");
        }
        var referenceIds = theirs.Select(a => a.GetProperty("id").GetString()).ToHashSet();
        foreach (var (id, action) in mine.Where(kv => !referenceIds.Contains(kv.Key)))
        {
            IsAdjacent(action.GetProperty("group").GetString()).Should().BeTrue($"{id} is not in the reference, so its group must end in \"(adjacent)\"");
            action.TryGetProperty("source", out _).Should().BeTrue($"adjacent action {id} names its source");
        }
    }

    private static bool IsAdjacent(string? group) => group?.EndsWith(" (adjacent)", StringComparison.Ordinal) == true;

    [Fact]
    public void Registry_EveryHandlerNamesACatalogActionOfItsProduct()
    {
        Registry.Implemented.Should().NotBeEmpty();
        foreach (var a in Registry.Implemented)
        {
            var entry = Catalog.FindRpc(a.Version, a.Action);
            entry.Should().NotBeNull($"{a.Product} {a.Version} {a.Action} must be a catalog action");
            entry!.Product.Should().Be(a.Product);
        }
    }

    [Fact]
    public void ReadmeFidelityTable_MatchesCatalogAndHandlers()
    {
        var readme = Path.Combine(RepoPaths.Root, "README.md");
        const string start = "<!-- fidelity:start -->", end = "<!-- fidelity:end -->";
        var text = File.ReadAllText(readme);
        var table = RenderFidelityTable();
        var i = text.IndexOf(start, StringComparison.Ordinal);
        var j = text.IndexOf(end, StringComparison.Ordinal);
        (i >= 0 && j > i).Should().BeTrue("README.md keeps the fidelity table between the fidelity markers");
        var current = text[(i + start.Length)..j].Trim('\n');
        if (Environment.GetEnvironmentVariable("VO_UPDATE_FIDELITY") == "1" && current != table)
        {
            File.WriteAllText(readme, text[..(i + start.Length)] + "\n" + table + "\n" + text[j..]);
            return;
        }
        current.Should().Be(table, "the table is generated: run `VO_UPDATE_FIDELITY=1 dotnet test --filter ReadmeFidelityTable` to refresh it");
    }

    private static string RenderFidelityTable()
    {
        var sb = new StringBuilder();
        var recorded = RecordedActions();
        sb.Append("| Group | Product | Version | Action | Implemented | Stateful | Request shape | Response shape | Compared with the real service |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|\n");
        foreach (var a in Catalog.All)
        {
            var attr = Registry.Attribute(a.RoutedVersion, a.Action);
            var implemented = Registry.IsImplemented(a) ? "yes" : a.Style == "RPC" ? "no (501)" : "no";
            var stateful = attr is not null ? (attr.Stateful ? "yes" : "no") : Registry.IsImplemented(a) ? "yes" : "";
            var sources = recorded.GetValueOrDefault(a.Action) ?? [];
            var compared = sources.Count(s => s == "real") is > 0 and var n ? $"yes ({n} recorded tests)"
                : sources.Count > 0 ? "no (stand-in recording only)" : "no";
            sb.Append($"| {a.Group} | {a.Product} | {a.Version ?? "—"} | {a.Action} | {implemented} | {stateful} | {a.ParamsStatus} | {a.ResponseStatus} | {compared} |\n");
        }
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// Action to the source of every contract-test recording that called it (fixtures/replay; recorded-from.json says
    /// "real" only for recordings made against the real cloud): the table's last column says only what was compared.
    /// </summary>
    private static Dictionary<string, List<string>> RecordedActions()
    {
        var replay = Path.Combine(RepoPaths.Root, "fixtures", "replay");
        var sourcesFile = Path.Combine(replay, "recorded-from.json");
        var sources = File.Exists(sourcesFile) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(sourcesFile)) ?? [] : [];
        var byAction = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!Directory.Exists(replay)) return byAction;
        foreach (var file in Directory.EnumerateFiles(replay, "*.json", SearchOption.AllDirectories).Where(f => Path.GetDirectoryName(f) != replay))
        {
            var id = Path.GetRelativePath(replay, file)[..^".json".Length].Replace(Path.DirectorySeparatorChar, '.');
            var source = sources.GetValueOrDefault(id) ?? "unknown";
            // Mapping titles read "<test id> #<call> <Action>".
            foreach (var action in JsonNode.Parse(File.ReadAllText(file))!.AsArray().Select(m => m!["Title"]!.ToString().Split(' ').Last()).Distinct())
            {
                if (!byAction.TryGetValue(action, out var list)) byAction[action] = list = [];
                list.Add(source);
            }
        }
        return byAction;
    }
}

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VirtualOperator.Emulator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }

    /// <summary>shared/reference/catalog.json beside the checkout (as on the developers' machines and in CI), if present.</summary>
    public static string? SharedReferenceCatalog()
    {
        var p = Path.Combine(Path.GetDirectoryName(Root)!, "shared", "reference", "catalog.json");
        return File.Exists(p) ? p : null;
    }
}
