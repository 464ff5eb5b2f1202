using LiteDB;

namespace VirtualOperator.Emulator.Storage;

public sealed partial class EmulatorDatabase
{
    // With --data: where the group commit makes batches durable before LiteDB has them (WriteJournal, docs/durability.md).
    private readonly WriteJournal? _journal;

    /// <summary>How long the group commit waits for more changes before it applies a journal that holds fewer than
    /// <see cref="JournalApplyAt"/> documents to LiteDB. Tests set it to hold documents in the journal alone.</summary>
    internal TimeSpan JournalApplyWhenIdle { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The journal is applied to LiteDB once it holds this many distinct documents, idle or not.</summary>
    internal int JournalApplyAt { get; set; } = 4096;

    /// <summary>Documents in the journal that LiteDB has not yet been given (0 in memory).</summary>
    internal int JournalPending
    {
        get
        {
            if (_journal is null) return 0;
            lock (_journal.Sync) return _journal.Pending.Count;
        }
    }

    /// <summary>At start: what the journal holds (changes acknowledged before the process stopped) goes to LiteDB, in order.</summary>
    private void Replay(WriteJournal journal)
    {
        var docs = journal.ReadAll();
        if (docs.Count > 0)
        {
            var latest = new Dictionary<(string, BsonValue), DeferredDoc>();
            foreach (var d in docs) latest[(d.Collection, d.Doc["_id"])] = d;
            Db.BeginTrans();
            try
            {
                // Upserts: a document may have reached LiteDB before the journal was emptied.
                foreach (var d in latest.Values) Db.GetCollection(d.Collection).Upsert(d.Doc);
                Db.Commit();
            }
            catch
            {
                Db.Rollback();
                throw;
            }
        }
        journal.Clear();
    }

    /// <summary>Gives LiteDB what the journal holds, then empties the journal (with <c>--data</c>; nothing to do in memory).
    /// Before any LiteDB read of in-memory owners' collections (a bundle, a reset) and by the group commit when idle.</summary>
    internal void ApplyJournal()
    {
        if (_journal is null) return;
        lock (_writeGate) ApplyJournalUnderGate();
    }

    // Under the write gate, with no LiteDB transaction open on this thread. One transaction for all of it; documents known
    // new are inserted without a look-up, and should one be there after all, everything is written again as upserts.
    private void ApplyJournalUnderGate()
    {
        if (_journal is null) return;
        lock (_journal.Sync)
        {
            if (_journal.Pending.Count == 0) return;
            try
            {
                WritePending(trustInserts: true);
            }
            catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
            {
                WritePending(trustInserts: false);
            }
            // Only now: until LiteDB has committed them, the journal is where these changes are durable.
            _journal.Clear();
        }
    }

    private void WritePending(bool trustInserts)
    {
        Db.BeginTrans();
        try
        {
            foreach (var d in _journal!.Pending.Values)
            {
                var collection = Db.GetCollection(d.Collection);
                if (d.Inserted && trustInserts) collection.Insert(d.Doc);
                else collection.Upsert(d.Doc);
            }
            Db.Commit();
        }
        catch
        {
            try { Db.Rollback(); } catch (LiteException) { /* already rolled back */ }
            throw;
        }
    }
}
