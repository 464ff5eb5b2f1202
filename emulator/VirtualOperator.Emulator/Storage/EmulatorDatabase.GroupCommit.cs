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
    /// paid order, a new customer) hands them to one committer thread, which appends every change queued since its last
    /// append to the journal (<see cref="WriteJournal"/>) as one record, one <c>write()</c>; each change waits for its own
    /// to be durable there. LiteDB gets the journal's documents later, their last version each, in one transaction: when
    /// the journal has been idle for <see cref="JournalApplyWhenIdle"/>, when it holds <see cref="JournalApplyAt"/>
    /// documents, and before anything writes LiteDB directly or reads what the journal holds (docs/durability.md).
    /// One LiteDB commit per change made durable writes 0.15x the in-memory ones (docs/performance.md, change 15), and
    /// one per batch still about 0.4x ("Durable writes, journal").
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
            var journal = _db._journal!;
            while (true)
            {
                List<Ticket>? batch = null;
                var stop = false;
                lock (_queueLock)
                {
                    // Idle with documents not yet in LiteDB: give them to it unless a change comes first.
                    if (_queue.Count == 0 && !_stopping && _db.JournalPending > 0) Monitor.Wait(_queueLock, _db.JournalApplyWhenIdle);
                    else while (_queue.Count == 0 && !_stopping) Monitor.Wait(_queueLock);
                    if (_queue.Count > 0)
                    {
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
                    else stop = _stopping;
                }
                if (batch is null)
                {
                    ApplyQuietly();
                    if (stop) return;
                    continue;
                }
                Exception? error = null;
                try
                {
                    // Last version of each document (tickets are in commit order, so a later one is the later state).
                    latest.Clear();
                    foreach (var ticket in batch)
                        foreach (var d in ticket.Docs) DeferredDoc.KeepLatest(latest, d);
                    lock (journal.Sync) journal.Append(latest.Values);
                }
                catch (Exception e)
                {
                    error = e;
                }
                foreach (var ticket in batch) ticket.Complete(error);
                if (_db.JournalPending >= _db.JournalApplyAt) ApplyQuietly();
            }
        }

        // The journal already holds these changes durably: a LiteDB failure here loses nothing (they stay in the journal,
        // applied at the next attempt or at the next start), so it is not any change's error.
        private void ApplyQuietly()
        {
            try { _db.ApplyJournal(); }
            catch (Exception e) when (e is LiteException or IOException) { System.Diagnostics.Trace.TraceError("LiteDB could not take the journal yet: " + e.Message); }
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
