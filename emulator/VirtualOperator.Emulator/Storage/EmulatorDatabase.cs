using LiteDB;

namespace VirtualOperator.Emulator.Storage;

/// <summary>
/// The one LiteDB instance: in memory by default (fresh state every run, right for CI), a file with
/// <c>--data PATH</c>. Collections (each document carries <c>PartnerUid</c>, so a partner can be reset alone):
/// <list type="bullet">
/// <item><c>_meta</c>: schema version and the persisted virtual clock (Id "schema", "clock")</item>
/// <item><c>partners</c>: <see cref="Partners.Partner"/>; unique index AccessKeyId</item>
/// <item>one or more per product, declared by that product's store (see Products/*/*Store.cs headers)</item>
/// </list>
/// Two collections are kept by their owners in memory and written here only with <c>--data</c> (<see cref="Persist{T}"/>):
/// <c>credits</c> (CreditLedger) and <c>budgetOperations</c> (OutBizIdRegistry).
/// </summary>
public sealed partial class EmulatorDatabase : IDisposable
{
    /// <summary>Bump with a migration in <see cref="Migrate"/> whenever a stored shape changes incompatibly.</summary>
    public const int SchemaVersion = 1;

    private static readonly string[] Unscoped = ["_meta", "partners"];

    public LiteDatabase Db { get; }

    // Every LiteDB write of the emulator passes here, one at a time (see WriteGatedCollection for why).
    private readonly object _writeGate = new();

    public string? Path { get; }
    public bool IsDurable => Path is not null;

    public EmulatorDatabase(string? path)
    {
        Path = string.IsNullOrWhiteSpace(path) ? null : System.IO.Path.GetFullPath(path);
        var mapper = new BsonMapper();
        mapper.EnumAsInteger = false;
        if (Path is null)
        {
            Db = new LiteDatabase(new MemoryStream(), mapper);
        }
        else
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            Db = new LiteDatabase(new ConnectionString { Filename = Path, Connection = ConnectionType.Direct }, mapper);
        }
        try
        {
            CheckSchema();
        }
        catch
        {
            // A refused file is closed again at once, so nothing keeps it open (or locked) after the refusal.
            Db.Dispose();
            throw;
        }
    }

    public ILiteCollection<T> Collection<T>(string name) => new WriteGatedCollection<T>(Db.GetCollection<T>(name), _writeGate);

    private ILiteCollection<BsonDocument> Collection(string name) => new WriteGatedCollection<BsonDocument>(Db.GetCollection(name), _writeGate);

    /// <summary>
    /// Writes <paramref name="value"/> for an owner that keeps its collection in memory and answers every read from there
    /// (the credit ledgers, the OutBizId records), and loads it from here at start: only a durable store needs the copy.
    /// With <c>--data</c> the upsert happens now, or, inside <see cref="Together{T}"/>, with the others of that call.
    /// In memory a LiteDB copy would be a second copy in the same process that nothing reads, and writing it was half
    /// of a quota change's cost (docs/performance.md, change 10), so nothing is written.
    /// </summary>
    public void Persist<T>(string collection, T value)
    {
        if (!IsDurable) return;
        var doc = Db.Mapper.ToDocument(value);
        if (_together is { } pending) pending.Add((collection, doc));
        else Collection(collection).Upsert(doc);
    }

    [ThreadStatic] private static List<(string Collection, BsonDocument Doc)>? _together;

    /// <summary>
    /// Runs <paramref name="work"/>; the <see cref="Persist{T}"/> calls it makes are written after it returns, as one
    /// LiteDB transaction (a change and its OutBizId record commit together, or neither does when the process dies).
    /// When <paramref name="work"/> throws, none is written. The transaction runs under the write gate and takes no
    /// other lock, which is what keeps the gate the innermost lock (work itself may take any).
    /// </summary>
    public T Together<T>(Func<T> work)
    {
        if (!IsDurable || _together is not null) return work();
        var pending = _together = [];
        T result;
        try
        {
            result = work();
        }
        finally
        {
            _together = null;
        }
        if (pending.Count == 0) return result;
        lock (_writeGate)
        {
            Db.BeginTrans();
            try
            {
                foreach (var (collection, doc) in pending) Db.GetCollection(collection).Upsert(doc);
                Db.Commit();
            }
            catch
            {
                Db.Rollback();
                throw;
            }
        }
        return result;
    }

    private void CheckSchema()
    {
        var meta = Collection("_meta");
        var doc = meta.FindById("schema");
        if (doc is null)
        {
            meta.Upsert(new BsonDocument { ["_id"] = "schema", ["version"] = SchemaVersion });
            return;
        }
        var version = doc["version"].AsInt32;
        if (version > SchemaVersion)
            throw new InvalidOperationException(
                $"The data file {Path} was written by a newer emulator (schema {version}); this build reads schema {SchemaVersion} and older. " +
                "Run a newer emulator, or pass another --data path. The file was left untouched.");
        if (version < SchemaVersion) Migrate(version);
    }

    private void Migrate(int from)
    {
        // No older schema exists yet. A future bump adds "if (from < N) { ... }" steps here, in order.
        Collection("_meta").Upsert(new BsonDocument { ["_id"] = "schema", ["version"] = SchemaVersion, ["migratedFrom"] = from });
    }

    public T? GetMeta<T>(string id) where T : class
    {
        var doc = Collection("_meta").FindById(id);
        return doc is null ? null : Db.Mapper.ToObject<T>(doc["value"].AsDocument);
    }

    public void SetMeta<T>(string id, T value) where T : class =>
        Collection("_meta").Upsert(new BsonDocument { ["_id"] = id, ["value"] = Db.Mapper.ToDocument(value) });

    /// <summary>Deletes every document of one partner in every product collection; the partner itself stays.</summary>
    public void DeletePartnerData(string partnerUid)
    {
        foreach (var name in Db.GetCollectionNames().Where(n => !Unscoped.Contains(n)).ToList())
            Collection(name).DeleteMany(Query.EQ("PartnerUid", partnerUid));
    }

    /// <summary>Drops everything, then writes the schema marker again.</summary>
    public void DeleteAll()
    {
        foreach (var name in Db.GetCollectionNames().ToList())
            lock (_writeGate) Db.DropCollection(name);
        CheckSchema();
    }

    private int _disposed;

    /// <summary>Idempotent: the host disposes it when the server has stopped, and the DI container again later.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        lock (_writeGate)
        {
            if (IsDurable) Db.Checkpoint();
            Db.Dispose();
        }
    }
}
