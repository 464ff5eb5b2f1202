using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtualOperator.ContractTests.Snapshots;

/// <summary>
/// Compares two JSON documents as canonical text (keys sorted, indented) and renders the difference as a
/// line diff: <c>-</c> lines only in the recorded snapshot, <c>+</c> lines only in the actual response,
/// with two lines of context and <c>…</c> for skipped equal runs.
/// </summary>
public static class SnapshotDiff
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Keys sorted at every level, so property order never shows up as a difference.</summary>
    public static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString(Indented) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>Null when equal; otherwise the readable diff.</summary>
    public static string? Diff(JsonNode? expected, JsonNode? actual)
    {
        var e = Canonical(expected).Split('\n');
        var a = Canonical(actual).Split('\n');
        return e.SequenceEqual(a) ? null : Render(e, a);
    }

    public static string Render(IReadOnlyList<string> expected, IReadOnlyList<string> actual, int context = 2)
    {
        // Longest common subsequence table, from the end.
        var lcs = new int[expected.Count + 1, actual.Count + 1];
        for (var i = expected.Count - 1; i >= 0; i--)
            for (var j = actual.Count - 1; j >= 0; j--)
                lcs[i, j] = expected[i] == actual[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var lines = new List<(char Op, string Text)>();
        int x = 0, y = 0;
        while (x < expected.Count || y < actual.Count)
        {
            if (x < expected.Count && y < actual.Count && expected[x] == actual[y]) { lines.Add((' ', expected[x])); x++; y++; }
            // On a tie the recorded line goes first, so a changed line reads "-old" then "+new".
            else if (x < expected.Count && (y == actual.Count || lcs[x + 1, y] >= lcs[x, y + 1])) lines.Add(('-', expected[x++]));
            else lines.Add(('+', actual[y++]));
        }

        // Show every change with `context` equal lines around it; an elided run of equal lines prints as "…".
        var shown = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].Op != ' ')
                for (var k = Math.Max(0, i - context); k <= Math.Min(lines.Count - 1, i + context); k++) shown[k] = true;

        var sb = new StringBuilder("--- recorded snapshot\n+++ actual response\n");
        for (var i = 0; i < lines.Count; i++)
        {
            if (shown[i]) sb.Append(lines[i].Op).Append(' ').Append(lines[i].Text).Append('\n');
            else if (i == 0 || shown[i - 1]) sb.Append("  …\n");
        }
        return sb.ToString();
    }
}
