using LiteDB;

namespace VirtualOperator.Emulator.Storage;

/// <summary>
/// Implemented by an owner that keeps one partner-scoped collection in memory and answers every read from there
/// (the credit ledgers, the OutBizId records), so a repro bundle carries it: LiteDB holds a copy only with
/// <c>--data</c> (<see cref="EmulatorDatabase.Persist{T}"/>), so reading LiteDB would miss it in memory.
/// Other in-memory state (caches) needs no export: it is rebuilt from LiteDB after <see cref="IStateReset.OnReset"/>.
/// </summary>
public interface IPartnerMemoryState
{
    /// <summary>The collection the documents are persisted to with <c>--data</c>; also their section in a bundle.</summary>
    string Collection { get; }

    /// <summary>The partner's documents, as <see cref="EmulatorDatabase.Persist{T}"/> would write them.</summary>
    IEnumerable<BsonDocument> Export(string partnerUid);

    /// <summary>
    /// Converts <paramref name="documents"/> (each already checked to name <paramref name="partnerUid"/>) and throws on
    /// any that does not convert, changing nothing; answers the step that puts them in place. That step runs after the
    /// partner's stored documents were replaced and every <see cref="IStateReset.OnReset"/> ran for the partner, and must not fail.
    /// </summary>
    Action PrepareImport(string partnerUid, IReadOnlyList<BsonDocument> documents);
}
