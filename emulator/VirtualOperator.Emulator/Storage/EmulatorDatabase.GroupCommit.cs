using LiteDB;

namespace VirtualOperator.Emulator.Storage;

public sealed partial class EmulatorDatabase
{
    private GroupCommit? _group;
    private GroupCommit Group => LazyInitializer.EnsureInitialized(ref _group, () => new GroupCommit(this))!;

    // Outermost units of work open on this database that have not yet handed their documents to the group commit (with
    // --data only): the committer waits for them briefly, so one LiteDB commit carries every change then in flight.
    private int _unitsOpen;

    /// <summary>For tests: runs at the start of each group-commit batch's LiteDB write, with the batch's size, on the
    /// committing thread, inside LiteDB's own lock (not the write gate).</summary>
    internal Action<int>? BeforeGroupWrite
    {
        set => Group.BeforeWrite = value;
    }

    /// <summary>For tests: how long a group-commit leader may hold its batch back (<see cref="GroupCommit.MaxGather"/>).</summary>
    internal TimeSpan GroupGatherBound
    {
        set => Group.GatherBound = value;
    }

    /// <summary>For tests: whether a group-commit leader is holding its batch back for more changes.</summary>
    internal bool GroupGathering => Group.Gathering;

    /// <summary>For tests: how many changes are queued for the next group-commit batch.</summary>
    internal int QueuedForGroupCommit => Group.Queued;

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
    /// paid order, a new customer) queues them, and one LiteDB transaction under the write gate writes every change queued
    /// since the last commit; each change waits for its own to be durable. One commit per change made durable writes
    /// 0.15x the in-memory ones (docs/performance.md, change 15).
    /// <para>
    /// Who commits (docs/performance.md, "Durable writes (second pass)"): the change that finds no commit under way leads,
    /// and commits the queue on its own thread; changes queued meanwhile wait, and when the leader is done the first of
    /// them is woken to lead the next batch (which carries every change queued by then). There is no committer thread: a
    /// hand-off to one cost a wake-up and two context switches per batch, and on this kind of two-core virtual machine
    /// those, not LiteDB, were the largest part of a durable change's cost.
    /// </para>
    /// <para>
    /// Why batches stay large: a LiteDB commit costs about the same for one change as for eight (its pages: the header,
    /// the collection's data and index pages), so the leader, before it commits, waits up to <see cref="MaxGather"/>
    /// while other units of work are still open (they are a few microseconds from queueing their documents, and their
    /// callers hold no lock the open unit needs: customer and OutBizId locks are taken before a unit's writes), and until
    /// as many changes are queued as the last batch held: changes that came together come together again (eight
    /// connections: about four per batch instead of 1.1), while a lone writer, whose last batch held one, never waits.
    /// A document written twice in one batch (one customer's ledger) is written once, its last version; and a change
    /// waits without spinning, so the two cores go to the commit and the requests.
    /// </para>
    /// </summary>
    private sealed class GroupCommit : IDisposable
    {
        /// <summary>The longest a leader holds a batch back for units still open (a bound, not a cost: it returns as
        /// soon as the last open unit has queued its documents).</summary>
        public static readonly TimeSpan MaxGather = TimeSpan.FromMilliseconds(1);

        /// <summary>The bound in force (<see cref="MaxGather"/>; a test lengthens it to watch a leader gather).</summary>
        public TimeSpan GatherBound = MaxGather;

        // How many changes the last batch held (at most MaxTarget): what the next leader waits for. Under _queueLock.
        private int _lastBatch = 1;
        private int _target = 1;
        private const int MaxTarget = 16;

        private readonly EmulatorDatabase _db;
        private readonly object _queueLock = new();
        private List<Ticket> _queue = [];
        // True from the moment a change is made leader until the last leader finds the queue empty: while it is true,
        // exactly one ticket leads (running its batch, or woken to run the next), so batches never overlap or reorder.
        private bool _leading;
        private bool _stopping;
        private bool _gathering;
        // Used by the one leader at a time (handed on under _queueLock).
        private readonly Dictionary<(string Collection, BsonValue Id), DeferredDoc> _latest = [];

        public GroupCommit(EmulatorDatabase db) => _db = db;

        /// <summary>How many batches have been committed (for tests and measurements).</summary>
        public long Batches;

        /// <summary>See <see cref="BeforeGroupWrite"/>.</summary>
        public Action<int>? BeforeWrite;

        public sealed class Ticket(GroupCommit group, List<DeferredDoc> docs)
        {
            public readonly List<DeferredDoc> Docs = docs;
            // No spinning: on two cores a spinning waiter takes the core the leader needs to finish its commit.
            private readonly ManualResetEventSlim _woken = new(false, spinCount: 1);
            // Set before _woken: the commit's outcome, or that this ticket leads the next batch.
            private bool _done;
            private bool _leads;
            private Exception? _error;

            public void Complete(Exception? error)
            {
                _error = error;
                _done = true;
                _woken.Set();
            }

            /// <summary>Wakes this waiting ticket to commit the queue itself.</summary>
            public void Lead()
            {
                _leads = true;
                _woken.Set();
            }

            /// <summary>Made leader when queued (no commit under way): this ticket commits without waiting.</summary>
            public void LeadAtOnce() => _leads = true;

            /// <summary>Returns once this ticket's change is durable (committing it, and whatever is queued with it, if
            /// it leads); throws if its batch could not be written.</summary>
            public void Wait()
            {
                if (!_leads)
                {
                    _woken.Wait();
                    if (!_done && _leads) group.RunBatch(this);
                }
                else group.RunBatch(this);
                _woken.Dispose();
                if (_error is not null) throw new IOException("The change could not be written to the data file; nothing of it was kept.", _error);
            }
        }

        /// <summary>Queues a change's documents (in commit order: the caller still holds the write gate if it took it).</summary>
        public Ticket Enqueue(List<DeferredDoc> docs)
        {
            var ticket = new Ticket(this, docs);
            lock (_queueLock)
            {
                if (_stopping) throw new ObjectDisposedException(nameof(EmulatorDatabase));
                _queue.Add(ticket);
                if (_gathering && _queue.Count >= _target) Monitor.Pulse(_queueLock);
                if (!_leading)
                {
                    _leading = true;
                    ticket.LeadAtOnce();
                }
            }
            return ticket;
        }

        /// <summary>No unit is open any more: a leader holding a batch back for them commits it now.</summary>
        /// <summary>Whether a leader is holding its batch back for more changes (for tests).</summary>
        public bool Gathering
        {
            get { lock (_queueLock) return _gathering; }
        }

        /// <summary>How many changes are queued for the next batch (for tests).</summary>
        public int Queued
        {
            get { lock (_queueLock) return _queue.Count; }
        }

        public void LastUnitHandedOver()
        {
            if (!Volatile.Read(ref _gathering)) return;
            lock (_queueLock) Monitor.Pulse(_queueLock);
        }

        // The leader's turn: gathers, takes the whole queue (its own ticket is in it), commits it, completes every other
        // ticket, and wakes the first ticket queued since to lead the next batch.
        private void RunBatch(Ticket leader)
        {
            List<Ticket> batch;
            lock (_queueLock)
            {
                _target = _lastBatch;
                if (!_stopping && (Volatile.Read(ref _db._unitsOpen) > 0 || _queue.Count < _target))
                {
                    var since = System.Diagnostics.Stopwatch.GetTimestamp();
                    var bound = GatherBound;
                    _gathering = true;
                    while (!_stopping && (Volatile.Read(ref _db._unitsOpen) > 0 || _queue.Count < _target) &&
                           System.Diagnostics.Stopwatch.GetElapsedTime(since) is var waited && waited < bound)
                        Monitor.Wait(_queueLock, (int)Math.Ceiling((bound - waited).TotalMilliseconds)); // >= 1 ms: no spinning
                    _gathering = false;
                }
                _lastBatch = Math.Min(_queue.Count, MaxTarget);
                (batch, _queue) = (_queue, []);
            }
            Exception? error = null;
            try
            {
                error = Commit(batch);
            }
            finally
            {
                // Every ticket of the batch learns its outcome (the leader's own is read when RunBatch returns), and the
                // next leader is named under the queue lock, so a change queued now either joins its batch or leads.
                foreach (var ticket in batch) if (!ReferenceEquals(ticket, leader)) ticket.Complete(error);
                Ticket? next = null;
                lock (_queueLock)
                {
                    if (_queue.Count > 0) next = _queue[0];
                    else
                    {
                        _leading = false;
                        if (_stopping) Monitor.PulseAll(_queueLock);
                    }
                }
                next?.Lead();
                leader.Complete(error);
            }
        }

        // One LiteDB transaction for the batch, under the write gate; answers the error that kept it off the file, if any.
        private Exception? Commit(List<Ticket> batch)
        {
            lock (_db._liteGate)
            {
                Batches++;
                BeforeWrite?.Invoke(batch.Count);
                try
                {
                    // Last version of each document (tickets are in commit order, so a later one is the later state).
                    _latest.Clear();
                    foreach (var ticket in batch)
                        foreach (var d in ticket.Docs)
                            _latest[(d.Collection, d.Doc["_id"])] = _latest.TryGetValue((d.Collection, d.Doc["_id"]), out var first)
                                ? d with { Inserted = first.Inserted || d.Inserted } : d;
                    Write(_latest.Values, trustInserts: true);
                    _db.Db.Commit();
                    return null;
                }
                catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
                {
                    // A document said to be new was there already (it should not be): the batch again, every one upserted.
                    try { _db.Db.Rollback(); } catch (LiteException) { /* already rolled back */ }
                    try
                    {
                        Write(_latest.Values, trustInserts: false);
                        _db.Db.Commit();
                        return null;
                    }
                    catch (Exception again)
                    {
                        try { _db.Db.Rollback(); } catch (LiteException) { /* already rolled back */ }
                        return again;
                    }
                }
                catch (Exception e)
                {
                    try { _db.Db.Rollback(); } catch (LiteException) { /* already rolled back */ }
                    return e;
                }
                finally
                {
                    _latest.Clear();
                }
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

        /// <summary>Refuses new changes, then waits for the batches under way (their changes are still waiting for them).</summary>
        public void Dispose()
        {
            lock (_queueLock)
            {
                _stopping = true;
                Monitor.PulseAll(_queueLock);
                while (_leading) Monitor.Wait(_queueLock);
            }
        }
    }
}
