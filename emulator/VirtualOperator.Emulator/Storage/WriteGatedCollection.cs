using System.Linq.Expressions;
using LiteDB;

namespace VirtualOperator.Emulator.Storage;

/// <summary>
/// A LiteDB collection whose writes go one at a time across the whole database (<see cref="EmulatorDatabase"/>'s write
/// gate); reads pass straight through. LiteDB 5 lets transactions on different collections write at the same moment,
/// and that can corrupt the free-page list in the shared header page, after which inserts fail until the process
/// ends (or, with a data file, for good): litedb-org/LiteDB#2825, still reported on 5.0.21. Its maintainer's own
/// answer is one writer per database. The emulator's hot write (a quota change) no longer touches LiteDB, so the
/// gate costs little. A write made inside <see cref="EmulatorDatabase.Atomic{T}"/> joins that unit's transaction (the unit
/// holds the gate from its first write to its commit); any other write is its own transaction. Only leaf locks (that
/// never wait for the gate) may be taken while holding it: see the lock order in docs/durability.md.
/// </summary>
internal sealed class WriteGatedCollection<T>(ILiteCollection<T> inner, EmulatorDatabase gate) : ILiteCollection<T>
{
    public string Name => inner.Name;
    public BsonAutoId AutoId => inner.AutoId;
    public EntityMapper EntityMapper => inner.EntityMapper;

    public ILiteCollection<T> Include<K>(Expression<Func<T, K>> keySelector) => new WriteGatedCollection<T>(inner.Include(keySelector), gate);
    public ILiteCollection<T> Include(BsonExpression keySelector) => new WriteGatedCollection<T>(inner.Include(keySelector), gate);

    // Writes: one at a time.
    public bool Upsert(T entity) { using (gate.Writing()) return inner.Upsert(entity); }
    public int Upsert(IEnumerable<T> entities) { using (gate.Writing()) return inner.Upsert(entities); }
    public bool Upsert(BsonValue id, T entity) { using (gate.Writing()) return inner.Upsert(id, entity); }
    public bool Update(T entity) { using (gate.Writing()) return inner.Update(entity); }
    public bool Update(BsonValue id, T entity) { using (gate.Writing()) return inner.Update(id, entity); }
    public int Update(IEnumerable<T> entities) { using (gate.Writing()) return inner.Update(entities); }
    public int UpdateMany(BsonExpression transform, BsonExpression predicate) { using (gate.Writing()) return inner.UpdateMany(transform, predicate); }
    public int UpdateMany(Expression<Func<T, T>> extend, Expression<Func<T, bool>> predicate) { using (gate.Writing()) return inner.UpdateMany(extend, predicate); }
    public BsonValue Insert(T entity) { using (gate.Writing()) return inner.Insert(entity); }
    public void Insert(BsonValue id, T entity) { using (gate.Writing()) inner.Insert(id, entity); }
    public int Insert(IEnumerable<T> entities) { using (gate.Writing()) return inner.Insert(entities); }
    public int InsertBulk(IEnumerable<T> entities, int batchSize = 5000) { using (gate.Writing()) return inner.InsertBulk(entities, batchSize); }
    public bool EnsureIndex(string name, BsonExpression expression, bool unique = false) { using (gate.Writing()) return inner.EnsureIndex(name, expression, unique); }
    public bool EnsureIndex(BsonExpression expression, bool unique = false) { using (gate.Writing()) return inner.EnsureIndex(expression, unique); }
    public bool EnsureIndex<K>(Expression<Func<T, K>> keySelector, bool unique = false) { using (gate.Writing()) return inner.EnsureIndex(keySelector, unique); }
    public bool EnsureIndex<K>(string name, Expression<Func<T, K>> keySelector, bool unique = false) { using (gate.Writing()) return inner.EnsureIndex(name, keySelector, unique); }
    public bool DropIndex(string name) { using (gate.Writing()) return inner.DropIndex(name); }
    public bool Delete(BsonValue id) { using (gate.Writing()) return inner.Delete(id); }
    public int DeleteAll() { using (gate.Writing()) return inner.DeleteAll(); }
    public int DeleteMany(BsonExpression predicate) { using (gate.Writing()) return inner.DeleteMany(predicate); }
    public int DeleteMany(string predicate, BsonDocument parameters) { using (gate.Writing()) return inner.DeleteMany(predicate, parameters); }
    public int DeleteMany(string predicate, params BsonValue[] args) { using (gate.Writing()) return inner.DeleteMany(predicate, args); }
    public int DeleteMany(Expression<Func<T, bool>> predicate) { using (gate.Writing()) return inner.DeleteMany(predicate); }

    // Reads: snapshots, no gate.
    public ILiteQueryable<T> Query() => inner.Query();
    public IEnumerable<T> Find(BsonExpression predicate, int skip = 0, int limit = int.MaxValue) => inner.Find(predicate, skip, limit);
    public IEnumerable<T> Find(Query query, int skip = 0, int limit = int.MaxValue) => inner.Find(query, skip, limit);
    public IEnumerable<T> Find(Expression<Func<T, bool>> predicate, int skip = 0, int limit = int.MaxValue) => inner.Find(predicate, skip, limit);
    public T FindById(BsonValue id) => inner.FindById(id);
    public T FindOne(BsonExpression predicate) => inner.FindOne(predicate);
    public T FindOne(string predicate, BsonDocument parameters) => inner.FindOne(predicate, parameters);
    public T FindOne(BsonExpression predicate, params BsonValue[] args) => inner.FindOne(predicate, args);
    public T FindOne(Expression<Func<T, bool>> predicate) => inner.FindOne(predicate);
    public T FindOne(Query query) => inner.FindOne(query);
    public IEnumerable<T> FindAll() => inner.FindAll();
    public int Count() => inner.Count();
    public int Count(BsonExpression predicate) => inner.Count(predicate);
    public int Count(string predicate, BsonDocument parameters) => inner.Count(predicate, parameters);
    public int Count(string predicate, params BsonValue[] args) => inner.Count(predicate, args);
    public int Count(Expression<Func<T, bool>> predicate) => inner.Count(predicate);
    public int Count(Query query) => inner.Count(query);
    public long LongCount() => inner.LongCount();
    public long LongCount(BsonExpression predicate) => inner.LongCount(predicate);
    public long LongCount(string predicate, BsonDocument parameters) => inner.LongCount(predicate, parameters);
    public long LongCount(string predicate, params BsonValue[] args) => inner.LongCount(predicate, args);
    public long LongCount(Expression<Func<T, bool>> predicate) => inner.LongCount(predicate);
    public long LongCount(Query query) => inner.LongCount(query);
    public bool Exists(BsonExpression predicate) => inner.Exists(predicate);
    public bool Exists(string predicate, BsonDocument parameters) => inner.Exists(predicate, parameters);
    public bool Exists(string predicate, params BsonValue[] args) => inner.Exists(predicate, args);
    public bool Exists(Expression<Func<T, bool>> predicate) => inner.Exists(predicate);
    public bool Exists(Query query) => inner.Exists(query);
    public BsonValue Min(BsonExpression keySelector) => inner.Min(keySelector);
    public BsonValue Min() => inner.Min();
    public K Min<K>(Expression<Func<T, K>> keySelector) => inner.Min(keySelector);
    public BsonValue Max(BsonExpression keySelector) => inner.Max(keySelector);
    public BsonValue Max() => inner.Max();
    public K Max<K>(Expression<Func<T, K>> keySelector) => inner.Max(keySelector);
}
