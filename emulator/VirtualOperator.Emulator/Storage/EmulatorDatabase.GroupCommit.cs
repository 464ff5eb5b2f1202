using LiteDB;

namespace VirtualOperator.Emulator.Storage;

public sealed partial class EmulatorDatabase
{
    private GroupCommit? _group;
    private GroupCommit Group => LazyInitializer.EnsureInitialized(ref _group, () => new GroupCommit(this))!;

    // Outermost units of work open on this database that have not yet handed their documents to the group commit (with
    // --data only): the committer waits for them briefly, so one LiteDB commit carries every change then in flight.
    private int _unitsOpen;

    private void UnitOpened()
    {
        if (IsDurable) Interlocked.Increment(ref _unitsOpen);
    }

    private void UnitHandedOver()
    {
        if (!IsDurable) return;
        if (Interlocked.Decrement(ref _unitsOpen) == 0) _group?.LastUnitHandedOver();
    }

    /// <summary>
    /// Group commit (with <c>--data</c>): a change whose only writes are in-memory owners' documents (a quota change, a
    /// paid order, a new customer) hands them to one committer thread, which writes every change queued since its last
    /// commit in one LiteDB transaction under the write gate; each change waits for its own to be durable. One commit
    /// per change made durable writes 0.15x the in-memory ones (docs/performance.md, change 15).
    /// <para>
    /// Why batches stay large (docs/performance.md, "Lifecycle and group commit"): the committer, once woken, waits up to
    /// <see cref="MaxGather"/> while other units of work are still open (they are a few microseconds from handing their
    /// documents over, and their callers hold no lock the open unit needs: customer and OutBizId locks are taken before a
    /// unit's writes); a document written twice in one batch (one customer's ledger) is written once, its last version;
    /// and a change waits for its commit without spinning, so the two cores go to the committer and the requests.
    /// </para>
    /// </summary>
    private sealed class GroupCommit : IDisposable
    {
        /// <summary>The longest the committer holds a batch back for units still open (a bound, not a cost: it returns as
        /// soon as the last open unit has handed over).</summary>
        public static readonly TimeSpan MaxGather = TimeSpan.FromMilliseconds(1);

        private readonly EmulatorDatabase _db;
        private readonly object _queueLock = new();
        private List<Ticket> _queue = [];
        private bool _stopping;
        private bool _gathering;
        private readonly Thread _thread;

        public GroupCommit(EmulatorDatabase db)
        {
            _db = db;
            _thread = new Thread(Run) { IsBackground = true, Name = "LiteDB group commit" };
            _thread.Start();
        }

        public sealed class Ticket(List<DeferredDoc> docs)
        {
            public readonly List<DeferredDoc> Docs = docs;
            // No spinning: on two cores a spinning waiter takes the core the committer needs to finish its commit.
            private readonly ManualResetEventSlim _done = new(false, spinCount: 1);
            private Exception? _error;

            public void Complete(Exception? error)
            {
                _error = error;
                _done.Set();
            }

            public void Wait()
            {
                _done.Wait();
                _done.Dispose();
                if (_error is not null) throw new IOException("The change could not be written to the data file; nothing of it was kept.", _error);
            }
        }

        public Ticket Enqueue(List<DeferredDoc> docs)
        {
            var ticket = new Ticket(docs);
            lock (_queueLock)
            {
                if (_stopping) throw new ObjectDisposedException(nameof(EmulatorDatabase));
                _queue.Add(ticket);
                if (_queue.Count == 1 || _gathering) Monitor.Pulse(_queueLock);
            }
            return ticket;
        }

        /// <summary>No unit is open any more: a committer holding a batch back for them commits it now.</summary>
        public void LastUnitHandedOver()
        {
            if (!Volatile.Read(ref _gathering)) return;
            lock (_queueLock) Monitor.Pulse(_queueLock);
        }

        private void Run()
        {
            var latest = new Dictionary<(string Collection, BsonValue Id), DeferredDoc>();
            while (true)
            {
                List<Ticket> batch;
                lock (_queueLock)
                {
                    while (_queue.Count == 0 && !_stopping) Monitor.Wait(_queueLock);
                    if (_queue.Count == 0) return;
                    if (Volatile.Read(ref _db._unitsOpen) > 0 && !_stopping)
                    {
                        var since = System.Diagnostics.Stopwatch.GetTimestamp();
                        _gathering = true;
                        while (Volatile.Read(ref _db._unitsOpen) > 0 && !_stopping && System.Diagnostics.Stopwatch.GetElapsedTime(since) < MaxGather)
                            Monitor.Wait(_queueLock, MaxGather);
                        _gathering = false;
                    }
                    (batch, _queue) = (_queue, []);
                }
                Exception? error = null;
                lock (_db._writeGate)
                {
                    try
                    {
                        // Last version of each document (tickets are in commit order, so a later one is the later state).
                        latest.Clear();
                        foreach (var ticket in batch)
                            foreach (var d in ticket.Docs)
                                latest[(d.Collection, d.Doc["_id"])] = latest.TryGetValue((d.Collection, d.Doc["_id"]), out var first)
                                    ? d with { Inserted = first.Inserted || d.Inserted } : d;
                        Write(latest.Values, trustInserts: true);
                        _db.Db.Commit();
                    }
                    catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
                    {
                        // A document said to be new was there already (it should not be): the batch again, every one upserted.
                        try { _db.Db.Rollback(); } catch (LiteException) { /* already rolled back */ }
                        try
                        {
                            Write(latest.Values, trustInserts: false);
                            _db.Db.Commit();
                        }
                        catch (Exception again)
                        {
                            error = again;
                            try { _db.Db.Rollback(); } catch (LiteException) { /* already rolled back */ }
                        }
                    }
                    catch (Exception e)
                    {
                        error = e;
                        try { _db.Db.Rollback(); } catch (LiteException) { /* already rolled back */ }
                    }
                }
                foreach (var ticket in batch) ticket.Complete(error);
            }
        }

        // Begins the batch's LiteDB transaction and writes its documents (under the write gate; the caller commits).
        private void Write(IEnumerable<DeferredDoc> docs, bool trustInserts)
        {
            _db.Db.BeginTrans();
            foreach (var d in docs)
            {
                var collection = _db.Db.GetCollection(d.Collection);
                if (d.Inserted && trustInserts) collection.Insert(d.Doc);
                else collection.Upsert(d.Doc);
            }
        }

        /// <summary>Commits what is queued, then stops.</summary>
        public void Dispose()
        {
            lock (_queueLock)
            {
                _stopping = true;
                Monitor.PulseAll(_queueLock);
            }
            _thread.Join();
        }
    }
}
