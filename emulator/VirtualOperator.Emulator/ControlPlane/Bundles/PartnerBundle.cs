using System.Text.Json;
using VirtualOperator.Emulator.Protocol.Pipeline;

namespace VirtualOperator.Emulator.ControlPlane.Bundles;

/// <summary>
/// One partner's whole world as one JSON file (<c>GET /_emulator/partners/{uid}/bundle</c>), importable into any
/// emulator (<c>POST /_emulator/bundles</c>). Stored documents are LiteDB extended JSON (<c>{"$date": …}</c>,
/// <c>{"$numberDecimal": …}</c>) so every type survives the trip; they are taken from every collection, so a product
/// added later is carried without code of its own.
/// </summary>
public sealed record PartnerBundle
{
    public const string FormatName = "vo-emulator-partner-bundle";

    /// <summary>Always <see cref="FormatName"/>: tells a bundle from any other JSON file.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The storage schema the documents follow (<c>EmulatorDatabase.SchemaVersion</c> of the exporting emulator).</summary>
    public int SchemaVersion { get; init; }

    public string EmulatorVersion { get; init; } = "";

    /// <summary>Wall-clock time of the export.</summary>
    public DateTimeOffset ExportedAt { get; init; }

    public string PartnerUid { get; init; } = "";

    /// <summary>The partner document itself (uid, AccessKey pair, test-account dates, message queue).</summary>
    public JsonElement Partner { get; init; }

    /// <summary>Collection name → array of the partner's stored documents.</summary>
    public Dictionary<string, JsonElement> Collections { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The partner's virtual time at the export; the import puts the partner at that time again.</summary>
    public BundleClock Clock { get; init; } = new(default, null);

    /// <summary>The partner's fault rules, with how many calls each has seen and failed so far.</summary>
    public List<FaultRule> Faults { get; init; } = [];

    /// <summary>The partner's request journal, newest first.</summary>
    public List<JournalEntry> Journal { get; init; } = [];
}

/// <param name="Now">The partner's virtual now.</param>
/// <param name="AppliedUpTo">The latest virtual time anything was applied for the partner (time cannot be set back past it).</param>
public sealed record BundleClock(DateTimeOffset Now, DateTimeOffset? AppliedUpTo);

/// <summary>The answer of <c>POST /_emulator/bundles</c>.</summary>
/// <param name="Documents">How many stored documents were loaded, by collection.</param>
public sealed record BundleImported(string PartnerUid, bool Replaced, int SchemaVersion, int? MigratedFrom, Dictionary<string, int> Documents);
