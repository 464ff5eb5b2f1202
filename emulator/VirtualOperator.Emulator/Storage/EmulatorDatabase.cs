using LiteDB;
using LiteDB.Engine;

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
/// One change is one unit of work (<see cref="Atomic{T}"/>, docs/durability.md): every write made inside it commits as one
/// transaction before the change is answered, or none does.
/// </summary>
public sealed partial class EmulatorDatabase : IDisposable
{
    /// <summary>Bump with a migration in <see cref="Migrate"/> whenever a stored shape changes incompatibly.
    /// 2: binary (ordinal) string collation; schema 1 files compared strings ignoring case.</summary>
    public const int SchemaVersion = 2;

    /// <summary>
    /// Strings compare byte for byte, as the cloud compares them: ClientTokens <c>abc</c> and <c>ABC</c> are two tokens, an
    /// AccessKeyId in the wrong case is no AccessKeyId. LiteDB's default ignores case (and is culture-dependent).
    /// </summary>
    public static readonly Collation StringCollation = new(127, System.Globalization.CompareOptions.Ordinal);

    private static readonly string[] Unscoped = ["_meta", "partners"];

    /// <summary>The LiteDB database. In memory it is opened at its first use (the stores the first signed call builds), not
    /// at start-up: being ready needs only the default partner, which the PartnerStore keeps in memory, and opening LiteDB
    /// and mapping a first type to it was about a third of start-up (docs/performance.md, "Start-up, second pass"). A data
    /// file is opened at once, so a file that must be refused stops the start.</summary>
    public LiteDatabase Db => _liteDb.Value;

    private readonly Lazy<LiteDatabase> _liteDb;

    // Every LiteDB write of the emulator passes here, one at a time (see WriteGatedCollection for why); a unit of work
    // (Atomic) holds it from its first write to its commit.
    private readonly object _writeGate = new();

    public string? Path { get; }
    public bool IsDurable => Path is not null;

    public EmulatorDatabase(string? path)
    {
        Path = string.IsNullOrWhiteSpace(path) ? null : System.IO.Path.GetFullPath(path);
        if (Path is null)
        {
            _liteDb = new Lazy<LiteDatabase>(() => new LiteDatabase(
                new LiteEngine(new EngineSettings { DataStream = new MemoryStream(), Collation = StringCollation }), Mapper()));
            return;
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        // The collation is given for a new file only: LiteDB refuses to open a file whose collation differs from the
        // one asked for, and an older file keeps its own until Migrate rebuilds it.
        var connection = new ConnectionString { Filename = Path, Connection = ConnectionType.Direct };
        if (!File.Exists(Path)) connection.Collation = StringCollation;
        var file = new LiteDatabase(connection, Mapper());
        _liteDb = new Lazy<LiteDatabase>(file);
        try
        {
            CheckSchema();
            _journal = new WriteJournal(Path);
            Replay(_journal);
        }
        catch
        {
            // A refused file is closed again at once, so nothing keeps it open (or locked) after the refusal.
            _journal?.Dispose();
            file.Dispose();
            throw;
        }
    }

    private static BsonMapper Mapper() => new() { EnumAsInteger = false };

    /// <summary>Whether LiteDB has been opened (in memory, not before its first use).</summary>
    public bool IsOpen => _liteDb.IsValueCreated;

    public ILiteCollection<T> Collection<T>(string name) => new WriteGatedCollection<T>(Db.GetCollection<T>(name), this);

    private ILiteCollection<BsonDocument> Collection(string name) => new WriteGatedCollection<BsonDocument>(Db.GetCollection(name), this);

    /// <summary>
    /// Writes <paramref name="value"/> for an owner that keeps its collection in memory and answers every read from there
    /// (the credit ledgers, the OutBizId records), and loads it from here at start: only a durable store needs the copy.
    /// With <c>--data</c> the upsert joins the unit of work open on this thread (<see cref="Atomic{T}"/>), if any.
    /// In memory a LiteDB copy would be a second copy in the same process that nothing reads, and writing it was half
    /// of a quota change's cost (docs/performance.md, change 10), so nothing is written.
    /// </summary>
    public void Persist<T>(string collection, T value) => Persist(collection, value, inserted: false);

    /// <summary>As <see cref="Persist{T}(string, T)"/>; <paramref name="inserted"/>: the caller knows no document with this
    /// id was ever written (a fresh OutBizId record), so the group commit inserts it without first looking it up (a LiteDB
    /// upsert is a failed update, one index descent, then the insert).</summary>
    public void Persist<T>(string collection, T value, bool inserted)
    {
        if (!IsDurable) return;
        var doc = value as BsonDocument ?? Db.Mapper.ToDocument(value);
        // Inside a unit: written at its end, with the unit's own transaction if it has one, else by the group commit. The
        // gate is taken now all the same (held to the unit's end, as for any write): the unit that changed a row first
        // queues its document first, also when the unit was opened outside the row's own lock (OutBizIdRegistry.Once).
        if (Open is { } u)
        {
            Enter(transaction: false);
            (u.Deferred ??= []).Add(new DeferredDoc(collection, doc, inserted));
        }
        else using (Writing()) Db.GetCollection(collection).Upsert(doc);
    }

    // The unit of work open on this thread. LiteDB binds a transaction to its thread, and every step a unit wraps is
    // synchronous, so a thread-static (not an AsyncLocal) is the right scope. Owner: tests run several hosts in one process.
    [ThreadStatic] private static UnitOfWork? _unit;

    private sealed class UnitOfWork(EmulatorDatabase owner)
    {
        public readonly EmulatorDatabase Owner = owner;
        /// <summary>True once the unit holds the write gate (at its first write, or <see cref="InCommitOrder"/>).</summary>
        public bool Gated;
        /// <summary>True once the unit has begun its LiteDB transaction (at its first LiteDB write).</summary>
        public bool Writing;
        public List<Action>? AfterCommit;
        public List<Action>? OnRollback;
        public List<Action>? WhenDone;
        /// <summary>Documents of owners that keep their rows in memory (<see cref="Persist{T}"/>), written at the unit's end.</summary>
        public List<DeferredDoc>? Deferred;
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one change: every LiteDB write it makes, through any collection of this database
    /// (<see cref="Collection{T}"/>, <see cref="Persist{T}"/>, <see cref="Products.Messages.PartnerEvents.Record"/>),
    /// commits as one transaction when it returns, before the caller can answer, or none does when it throws or the
    /// process dies. A unit already open on this thread is joined (the outermost one commits), so a product never has to
    /// know whether its caller opened one. <c>CreditLedger.WithCustomerLock</c> and <c>OrderDesk.Place</c> /
    /// <c>UnderCustomerLock</c> open one for you: a purchase, a quota change, a lifecycle step are each one change.
    /// <para>
    /// The unit takes the write gate at its first write and holds it to the commit: take every keyed lock a change needs
    /// before its first write (lock order: docs/durability.md; checked by <see cref="Domain.LockOrder"/>).
    /// </para>
    /// </summary>
    public T Atomic<T>(Func<T> work)
    {
        if (_unit is { } open && ReferenceEquals(open.Owner, this)) return work();
        var outer = _unit;
        var unit = _unit = new UnitOfWork(this);
        var committed = false;
        UnitOpened();
        try
        {
            T result;
            GroupCommit.Ticket? ticket = null;
            try
            {
                result = work();
                if (unit.Writing)
                {
                    foreach (var d in unit.Deferred ?? []) Db.GetCollection(d.Collection).Upsert(d.Doc);
                    Db.Commit();
                }
                // Only in-memory owners' documents: one transaction with other units' (group commit). Queued while the unit
                // still holds the gate, if it took it, so commits keep the order the gate gave (message sequence numbers).
                else if (unit.Deferred is { Count: > 0 } docs) ticket = Group.Enqueue(docs);
            }
            catch
            {
                if (unit.Writing)
                {
                    try { Db.Rollback(); } catch (LiteException) { /* LiteDB already rolled back the failed operation's transaction */ }
                }
                throw;
            }
            finally
            {
                _unit = outer;
                if (unit.Gated) ExitWriteGate();
                UnitHandedOver();
            }
            // Durable before the caller can answer; the unit's locks (customer, OutBizId) are still held while it waits.
            ticket?.Wait();
            committed = true;
            return result;
        }
        catch
        {
            if (unit.OnRollback is { } undo)
                for (var i = undo.Count - 1; i >= 0; i--) undo[i]();
            throw;
        }
        finally
        {
            if (committed && unit.AfterCommit is { } after) foreach (var a in after) a();
            if (unit.WhenDone is { } done) foreach (var a in done) a();
        }
    }

    /// <inheritdoc cref="Atomic{T}"/>
    public void Atomic(Action work) => Atomic(() => { work(); return true; });

    /// <summary>The earlier name of <see cref="Atomic{T}"/> (its writes were batched to its end; now every write joins).</summary>
    public T Together<T>(Func<T> work) => Atomic(work);

    private UnitOfWork? Open => _unit is { } u && ReferenceEquals(u.Owner, this) ? u : null;

    /// <summary>Runs <paramref name="action"/> once the open unit has committed (at once when none is open): for caches
    /// that must not show a change before it is durable (an OutBizId answer, an order list, a due-key stamp).</summary>
    public void AfterCommit(Action action)
    {
        if (Open is { } u) (u.AfterCommit ??= []).Add(action);
        else action();
    }

    /// <summary>Runs <paramref name="undo"/> if the open unit rolls back (never when none is open): for in-memory state
    /// changed inside it (a credit ledger), so a refused or failed change leaves memory as it found it.</summary>
    public void OnRollback(Action undo)
    {
        if (Open is { } u) (u.OnRollback ??= []).Add(undo);
    }

    /// <summary>Runs <paramref name="action"/> when the open unit ends, committed or not (at once when none is open):
    /// to release a lock that must be held until the change it guards is durable.</summary>
    public void WhenDone(Action action)
    {
        if (Open is { } u) (u.WhenDone ??= []).Add(action);
        else action();
    }

    /// <summary>
    /// Takes <paramref name="key"/>'s lock for the rest of the open unit: released once it has committed or rolled back.
    /// For a check-then-write (a limit, a uniqueness rule, an idempotency key) inside a unit that may be joined: another
    /// caller must not check before this change is visible. Take it before the unit's first write (lock order).
    /// </summary>
    public void HoldUntilDone(Domain.KeyedLocks locks, string key)
    {
        if (Open is null) throw new InvalidOperationException("HoldUntilDone needs an open unit of work (EmulatorDatabase.Atomic).");
        WhenDone(locks.Enter(key).Exit);
    }

    /// <summary>
    /// Enters the write gate for one LiteDB write: inside a unit, the unit's transaction (begun once, held to its end);
    /// outside, for this write alone. Dispose the answer after the write.
    /// </summary>
    internal WriteScope Writing() => Enter(transaction: true);

    /// <summary>
    /// Takes the write gate for the rest of the open unit (for this call alone outside one) without beginning a LiteDB
    /// transaction: for what must follow commit order (a partner message's sequence number) in a change that may write
    /// nothing to LiteDB (in memory, orders and messages are not in LiteDB: an empty transaction per change cost a
    /// LiteDB begin and commit under the gate).
    /// </summary>
    public WriteScope InCommitOrder() => Enter(transaction: false);

    private WriteScope Enter(bool transaction)
    {
        if (Open is { } u)
        {
            if (!u.Gated)
            {
                EnterWriteGate();
                u.Gated = true;
            }
            if (transaction && !u.Writing)
            {
                // What the journal holds reaches LiteDB before this unit writes there (a later version of one of its
                // documents, written directly, must not be overwritten by the journal's older one).
                ApplyJournalUnderGate();
                Db.BeginTrans();
                u.Writing = true;
            }
            return default;
        }
        EnterWriteGate();
        if (transaction)
        {
            try { ApplyJournalUnderGate(); }
            catch
            {
                ExitWriteGate();
                throw;
            }
        }
        return new WriteScope(this);
    }

    // The gate is the last level of the lock order: the thread records it so a keyed lock taken under it throws.
    private void EnterWriteGate()
    {
        Monitor.Enter(_writeGate);
        Domain.LockOrder.EnteredWriteGate();
    }

    private void ExitWriteGate()
    {
        Domain.LockOrder.LeftWriteGate();
        Monitor.Exit(_writeGate);
    }

    public readonly struct WriteScope(EmulatorDatabase? db) : IDisposable
    {
        public void Dispose() => db?.ExitWriteGate();
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
        // Steps in order, one per schema bump ("if (from < N) { ... }").
        // 1 -> 2: rebuild with the binary collation (LiteDB keeps a copy of the old file next to it, "-backup").
        // Should two strings that were one key ignoring case exist (they could not, under a unique index), both are kept.
        if (from < 2) Db.Rebuild(new LiteDB.Engine.RebuildOptions { Collation = StringCollation });
        Collection("_meta").Upsert(new BsonDocument { ["_id"] = "schema", ["version"] = SchemaVersion, ["migratedFrom"] = from });
    }

    /// <summary>The collation the open database compares strings with (LiteDB's <c>COLLATION</c> pragma).</summary>
    public string Collation => Db.Pragma("COLLATION").AsString;

    public T? GetMeta<T>(string id) where T : class
    {
        var doc = Collection("_meta").FindById(id);
        return doc is null ? null : Db.Mapper.ToObject<T>(doc["value"].AsDocument);
    }

    public void SetMeta<T>(string id, T value) where T : class =>
        Collection("_meta").Upsert(new BsonDocument { ["_id"] = id, ["value"] = Db.Mapper.ToDocument(value) });

    /// <summary>Writes the value <paramref name="value"/> computes under the write gate, so of two writers the later one
    /// writes the later state; inside a unit of work it joins the unit (e.g. a floor raised by a lifecycle step).</summary>
    public void SetMeta<T>(string id, Func<T> value) where T : class
    {
        using (Writing()) SetMeta(id, value());
    }

    /// <summary>Deletes every document of one partner in every product collection; the partner itself stays.</summary>
    public void DeletePartnerData(string partnerUid)
    {
        foreach (var name in CollectionNames().Where(n => !Unscoped.Contains(n)))
            Collection(name).DeleteMany(Query.EQ("PartnerUid", partnerUid));
    }

    /// <summary>
    /// The collections LiteDB holds. Read under the write gate: LiteDB lists them from its header page's dictionary with no
    /// lock of its own (<c>HeaderPage.GetCollections</c>), and a transaction creating a collection (every one does at its
    /// first document, and every LiteDB write holds the gate) changes that dictionary: listed outside the gate, a bundle
    /// export failed with "Collection was modified" (<c>CollectionListRaceTests</c>).
    /// </summary>
    private List<string> CollectionNames()
    {
        lock (_writeGate) return Db.GetCollectionNames().ToList();
    }

    /// <summary>Drops everything, then writes the schema marker again.</summary>
    public void DeleteAll()
    {
        if (!IsOpen) return;
        foreach (var name in CollectionNames())
            using (Writing()) Db.DropCollection(name);
        CheckSchema();
    }

    private int _disposed;

    /// <summary>Idempotent: the host disposes it when the server has stopped, and the DI container again later.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _group?.Dispose();
        if (!IsOpen) return;
        lock (_writeGate)
        {
            if (IsDurable)
            {
                ApplyJournalUnderGate();
                Db.Checkpoint();
            }
            Db.Dispose();
            if (_journal is not null)
            {
                _journal.Dispose();
                File.Delete(_journal.Path); // empty: everything it held is in LiteDB
            }
        }
    }
}
