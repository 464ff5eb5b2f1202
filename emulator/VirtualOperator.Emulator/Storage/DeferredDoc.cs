using LiteDB;

namespace VirtualOperator.Emulator.Storage;

/// <summary>
/// A document of an in-memory owner (<see cref="EmulatorDatabase.Persist{T}(string, T, bool)"/>), written after its change:
/// at its unit's end, then by the group commit to the journal (<see cref="WriteJournal"/>), then to LiteDB.
/// <c>Inserted</c>: known never written before, so LiteDB may insert it without a look-up.
/// </summary>
internal readonly record struct DeferredDoc(string Collection, BsonDocument Doc, bool Inserted)
{
    /// <summary>
    /// Keeps <paramref name="doc"/> in <paramref name="latest"/> as its document's latest version (versions come in commit
    /// order, so a later one is the later state). It stays an insert if an earlier version kept there was one: LiteDB has
    /// been given neither.
    /// </summary>
    public static void KeepLatest(Dictionary<(string Collection, BsonValue Id), DeferredDoc> latest, DeferredDoc doc)
    {
        var key = (doc.Collection, doc.Doc["_id"]);
        latest[key] = latest.TryGetValue(key, out var earlier) ? doc with { Inserted = earlier.Inserted || doc.Inserted } : doc;
    }
}
