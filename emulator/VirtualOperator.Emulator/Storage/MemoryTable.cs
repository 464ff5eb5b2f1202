using System.Collections.Concurrent;
using LiteDB;

namespace VirtualOperator.Emulator.Storage;

/// <summary>
/// A partner-scoped collection kept in memory and answered from there, like the credit ledgers: the in-memory LiteDB
/// made a paid order cost five indexed inserts under the write gate and about 10 KB resident (docs/performance.md,
/// change 14). With <c>--data</c> every write also goes to LiteDB through <see cref="EmulatorDatabase.Persist{T}"/>, in
/// the unit of work open on the thread (so it commits with the change), and the table is loaded from there at start.
/// <para>
/// Rows are copies: <see cref="Get"/> answers a copy the caller may change, <see cref="Put"/> stores a copy, so a
/// change is seen only once written, as with LiteDB. A write inside a unit of work that rolls back is undone
/// (<see cref="EmulatorDatabase.OnRollback"/>). A write is seen by other threads as soon as it is made (before its unit
/// commits); every writer of a row holds that row's customer lock, so the readers that decide on it wait for the commit.
/// </para>
/// <para>The owner keeps any secondary index itself, through <see cref="Changed"/> (called under the table's lock, with
/// the row before and after; a leaf lock: keep it to in-memory work).</para>
/// </summary>
public sealed class MemoryTable<T> : IPartnerMemoryState where T : class
{
    private readonly EmulatorDatabase _db;
    private readonly Func<T, string> _id;
    private readonly Func<T, string> _partner;
    private readonly Func<T, T> _copy;
    private readonly Action<T> _storedForm;
    private readonly Action<T> _share;
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, T> _rows = new(StringComparer.Ordinal);
    // partner -> the ids of its rows, in the order first written: a partner's list, reset or bundle reads only its own. Ids
    // and not a second map of rows (a map entry per row per table was 60 bytes of every stored order): a row replaced
    // keeps its place, and a row removed (a rollback, most often of the last insert) is looked for from the end.
    // Under _listsGate, a leaf lock: readers take it while a writer holds _gate and waits in Changed for an index lock.
    private readonly Dictionary<string, List<string>> _idsByPartner = new(StringComparer.Ordinal);
    private readonly object _listsGate = new();

    /// <param name="copy">A copy sharing nothing changeable with the row (the table keeps its own and answers copies).</param>
    /// <param name="storedForm">What a LiteDB round trip would change in a copy (<see cref="StoredForm{T}"/>), applied on every write.</param>
    /// <param name="share">Makes a row to be kept share what it can with the others (one string per repeated value), changing
    /// no value: applied to every row kept, written, loaded or imported.</param>
    public MemoryTable(EmulatorDatabase db, string collection, Func<T, string> id, Func<T, string> partner, Func<T, T> copy,
        Action<T>? storedForm = null, Action<T>? share = null)
    {
        (_db, Collection, _id, _partner, _copy, _storedForm, _share) = (db, collection, id, partner, copy, storedForm ?? StoredForm<T>.Apply, share ?? (_ => { }));
        // Resets look rows up in LiteDB by partner (with --data).
        if (db.IsDurable) db.Collection<BsonDocument>(collection).EnsureIndex("PartnerUid", "$.PartnerUid");
    }

    public string Collection { get; }

    /// <summary>Called under the table's lock after a row changed: (before or null, after or null).</summary>
    public Action<T?, T?>? Changed { get; init; }

    /// <summary>Loads the rows LiteDB holds (only a data file holds any): call once, before the first request.</summary>
    public void Load()
    {
        if (!_db.IsDurable) return;
        lock (_gate)
            foreach (var doc in _db.Db.GetCollection(Collection).FindAll())
                Set(Kept(_db.Db.Mapper.ToObject<T>(doc)));
    }

    public int Count => _rows.Count;

    /// <summary>How many rows name the partner.</summary>
    public int CountOf(string partnerUid)
    {
        lock (_listsGate) return _idsByPartner.TryGetValue(partnerUid, out var ids) ? ids.Count : 0;
    }

    public bool Contains(string id) => _rows.ContainsKey(id);

    /// <summary>A copy of the row, for the caller to read or change and <see cref="Put"/> back.</summary>
    public T? Get(string id) => _rows.TryGetValue(id, out var row) ? _copy(row) : null;

    /// <summary>The stored row itself: never change it (answer it only to readers that format or filter).</summary>
    public T? Peek(string id) => _rows.GetValueOrDefault(id);

    /// <summary>The partner's stored rows themselves, in no order: read-only, as <see cref="Peek"/>.</summary>
    public IEnumerable<T> PeekPartner(string partnerUid) =>
        IdsOf(partnerUid).Select(id => _rows.GetValueOrDefault(id)).OfType<T>();

    private string[] IdsOf(string partnerUid)
    {
        lock (_listsGate) return _idsByPartner.TryGetValue(partnerUid, out var ids) ? [.. ids] : [];
    }

    /// <summary>Inserts (<paramref name="insert"/>: an existing id throws, as a LiteDB insert does) or replaces a row.</summary>
    public void Put(T value, bool insert)
    {
        var row = _copy(value);
        _storedForm(row);
        _share(row);
        var id = _id(row);
        T? before;
        lock (_gate)
        {
            before = _rows.GetValueOrDefault(id);
            if (insert && before is not null) throw new LiteException(LiteException.INDEX_DUPLICATE_KEY, $"Cannot insert duplicate key in unique index '_id'. The duplicate value is '\"{id}\"'.");
            Set(row, before);
        }
        _db.OnRollback(() =>
        {
            lock (_gate)
            {
                if (before is null) Remove(id);
                else Set(before, _rows.GetValueOrDefault(id));
            }
        });
        if (_db.IsDurable) _db.Persist(Collection, Document(row));
    }

    /// <summary>
    /// The row as LiteDB holds it once inserted: the mapper leaves a null string out of the document, and a missing field
    /// reads back as the property's initial value ("" for most), while a row whose empty string was stored reads back
    /// null. Written out explicitly, a null stays null through a data file or a bundle.
    /// </summary>
    private BsonDocument Document(T row)
    {
        var doc = _db.Db.Mapper.ToDocument(row);
        ExplicitNulls(_db.Db.Mapper, typeof(T), row, doc);
        return doc;
    }

    // The emulator's mapper renames nothing but Id (to _id), which is never null.
    private static void ExplicitNulls(BsonMapper mapper, Type type, object row, BsonDocument doc)
    {
        foreach (var p in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (!p.CanRead || !p.CanWrite || p.GetIndexParameters().Length > 0 || p.Name == "Id") continue;
            var value = p.GetValue(row);
            if (value is null) { if (!doc.ContainsKey(p.Name)) doc[p.Name] = BsonValue.Null; }
            else if (value is System.Collections.IList list && doc.TryGetValue(p.Name, out var array) && array.IsArray)
                for (var i = 0; i < list.Count && i < array.AsArray.Count; i++)
                    if (list[i] is { } item && item is not string && array[i].IsDocument) ExplicitNulls(mapper, item.GetType(), item, array[i].AsDocument);
        }
    }

    private T Kept(T row)
    {
        _share(row);
        return row;
    }

    private void Set(T row, T? before = null)
    {
        var id = _id(row);
        var prior = _rows.GetValueOrDefault(id);
        _rows[id] = row;
        if (prior is null || _partner(prior) != _partner(row))
            lock (_listsGate)
            {
                if (prior is not null) Unlist(_partner(prior), id);
                if (!_idsByPartner.TryGetValue(_partner(row), out var ids)) _idsByPartner[_partner(row)] = ids = [];
                ids.Add(id);
            }
        Changed?.Invoke(before, row);
    }

    // Under _listsGate.
    private void Unlist(string partnerUid, string id)
    {
        if (!_idsByPartner.TryGetValue(partnerUid, out var ids)) return;
        var at = ids.LastIndexOf(id);
        if (at >= 0) ids.RemoveAt(at);
    }

    private void Remove(string id)
    {
        if (!_rows.TryRemove(id, out var row)) return;
        lock (_listsGate) Unlist(_partner(row), id);
        Changed?.Invoke(row, null);
    }

    /// <summary>Drops the partner's rows (every row when null): LiteDB's copies went with the reset's own delete.</summary>
    public void Forget(string? partnerUid)
    {
        lock (_gate)
        {
            var ids = partnerUid is null ? _rows.Keys.ToList()
                : IdsOf(partnerUid).ToList();
            foreach (var id in ids) Remove(id);
            lock (_listsGate)
                if (partnerUid is null) _idsByPartner.Clear();
                else _idsByPartner.Remove(partnerUid);
        }
    }

    IEnumerable<BsonDocument> IPartnerMemoryState.Export(string partnerUid) =>
        PeekPartner(partnerUid).OrderBy(_id, StringComparer.Ordinal).Select(Document).ToList();

    Action IPartnerMemoryState.PrepareImport(string partnerUid, IReadOnlyList<BsonDocument> documents)
    {
        var rows = documents.Select(d => Kept(_db.Db.Mapper.ToObject<T>(d))).ToList();
        // LiteDB refused a bundle with one id twice (its unique _id) inside the import's transaction: so does the table.
        if (rows.GroupBy(_id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ControlPlane.Bundles.BundleError(409,
                $"The bundle was not loaded (nothing changed): \"{Collection}\" holds the id {twice.Key} twice.");
        return () =>
        {
            lock (_gate)
                foreach (var row in rows) Set(row, _rows.GetValueOrDefault(_id(row)));
        };
    }
}
