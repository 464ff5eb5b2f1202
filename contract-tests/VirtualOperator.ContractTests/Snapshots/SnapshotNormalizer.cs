using System.Text.Json.Nodes;

namespace VirtualOperator.ContractTests.Snapshots;

/// <summary>
/// A named transformer that replaces one kind of volatile value in a response (in the manner of LocalStack's
/// snapshot transformers). Normalizers run in order over a copy of the response; the snapshot file lists
/// the names that were applied.
/// </summary>
public interface ISnapshotNormalizer
{
    string Name { get; }
    void Apply(JsonNode root, NormalizationContext context);
}

/// <summary>
/// What the normalizers share within one snapshot: the partner's uid, and the numbering of replaced
/// values, so equal values get equal placeholders and the relations between them stay visible.
/// </summary>
public sealed class NormalizationContext(string? partnerUid = null)
{
    private readonly Dictionary<(string Kind, string Value), string> _placeholders = [];
    private readonly Dictionary<string, int> _counters = [];

    public string? PartnerUid { get; } = partnerUid;

    /// <summary>The placeholder for <paramref name="value"/> of this kind: <c>&lt;kind:1&gt;</c>, <c>&lt;kind:2&gt;</c>… in order of first sight.</summary>
    public string Placeholder(string kind, string value)
    {
        if (_placeholders.TryGetValue((kind, value), out var existing)) return existing;
        var n = _counters[kind] = _counters.GetValueOrDefault(kind) + 1;
        return _placeholders[(kind, value)] = $"<{kind}:{n}>";
    }
}
