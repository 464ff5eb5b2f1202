using System.Buffers.Binary;
using System.IO.Hashing;
using LiteDB;

namespace VirtualOperator.Emulator.Storage;

/// <summary>
/// The group commit's journal (with <c>--data</c>): a file beside the data file (<c>state.db</c> → <c>state-journal.bin</c>)
/// to which each batch of in-memory owners' documents is appended with one <c>write()</c> before its changes are answered.
/// LiteDB gets the documents later, many batches in one transaction (<see cref="EmulatorDatabase"/>'s journal apply), and
/// the journal is emptied once they are committed there. Why (docs/durability.md, "Group commit"): a LiteDB commit writes a
/// header, data and index pages to its log whatever the batch holds, and that was most of a durable change's cost.
/// <para>
/// A record is a 4-byte little-endian length, the payload's 8-byte XxHash64, and the payload: one BSON document
/// <c>{ docs: [ { c: collection, d: document, i: inserted } ] }</c>. A record the process died while writing (its length
/// runs past the end, or its hash does not match) was never acknowledged: reading stops there and the tail is dropped.
/// </para>
/// Not thread-safe: the caller (the database) holds <see cref="Sync"/> around every call.
/// </summary>
internal sealed class WriteJournal : IDisposable
{
    private const int HeaderBytes = 12;

    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _file;
    private long _length;

    public object Sync { get; } = new();

    public string Path { get; }

    /// <summary>Documents appended and not yet applied to LiteDB, their last version each, in first-appended order.</summary>
    public Dictionary<(string Collection, BsonValue Id), DeferredDoc> Pending { get; } = [];

    public WriteJournal(string dataPath)
    {
        Path = PathFor(dataPath);
        _file = File.OpenHandle(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        _length = RandomAccess.GetLength(_file);
    }

    /// <summary><c>dir/state.db</c> → <c>dir/state-journal.bin</c> (LiteDB's own log is <c>state-log.db</c>).</summary>
    public static string PathFor(string dataPath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(dataPath)!, System.IO.Path.GetFileNameWithoutExtension(dataPath) + "-journal.bin");

    /// <summary>Appends one batch (one record, one write) and adds it to <see cref="Pending"/>. When this returns the batch
    /// is in the operating system's cache, so it survives the death of the process (not a power cut).</summary>
    public void Append(IReadOnlyCollection<DeferredDoc> docs)
    {
        var array = new BsonArray();
        foreach (var d in docs)
            array.Add(new BsonDocument { ["c"] = d.Collection, ["d"] = d.Doc, ["i"] = d.Inserted });
        var payload = BsonSerializer.Serialize(new BsonDocument { ["docs"] = array });
        var record = new byte[HeaderBytes + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(record, payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(4), XxHash64.HashToUInt64(payload));
        payload.CopyTo(record, HeaderBytes);
        RandomAccess.Write(_file, record, _length);
        _length += record.Length;
        foreach (var d in docs) DeferredDoc.KeepLatest(Pending, d);
    }

    /// <summary>Every whole record on file, in order (at start, before anything is appended); a torn tail is left out.</summary>
    public List<DeferredDoc> ReadAll()
    {
        var result = new List<DeferredDoc>();
        long at = 0;
        Span<byte> header = stackalloc byte[HeaderBytes];
        while (at + HeaderBytes <= _length)
        {
            if (RandomAccess.Read(_file, header, at) < HeaderBytes) break;
            var size = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (size <= 0 || at + HeaderBytes + size > _length) break;
            var payload = new byte[size];
            if (RandomAccess.Read(_file, payload, at + HeaderBytes) < size) break;
            if (XxHash64.HashToUInt64(payload) != BinaryPrimitives.ReadUInt64LittleEndian(header[4..])) break;
            foreach (var item in BsonSerializer.Deserialize(payload)["docs"].AsArray)
                result.Add(new DeferredDoc(item["c"].AsString, item["d"].AsDocument, item["i"].AsBoolean));
            at += HeaderBytes + size;
        }
        return result;
    }

    /// <summary>Empties the journal: everything in it is committed to LiteDB (or, on a reset, gone by intent).</summary>
    public void Clear()
    {
        RandomAccess.SetLength(_file, 0);
        _length = 0;
        Pending.Clear();
    }

    public void Dispose() => _file.Dispose();
}
