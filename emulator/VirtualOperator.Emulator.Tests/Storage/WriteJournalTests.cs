using LiteDB;
using VirtualOperator.Emulator.Storage;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Storage;

/// <summary>The group commit's journal (docs/durability.md, "Group commit"): an acknowledged change may be in the journal
/// alone, so a restart replays it, a torn last record is dropped, LiteDB gets it before anything reads or writes past it,
/// and it reaches LiteDB when the journal is idle or full.</summary>
public sealed class WriteJournalTests : IDisposable
{
    private readonly TempDataDir _temp = new("journal");
    private string Dir => _temp.Path;
    private string DataPath => _temp.DataPath;

    public void Dispose() => _temp.Dispose();

    private static BsonDocument Doc(string id, int version) => new() { ["_id"] = id, ["PartnerUid"] = "p", ["Version"] = version };

    /// <summary>A database whose journal is applied only when asked (or at Dispose).</summary>
    private EmulatorDatabase Holding() => new(DataPath) { JournalApplyWhenIdle = Timeout.InfiniteTimeSpan, JournalApplyAt = int.MaxValue };

    // What a kill -9 leaves: the files as they are now, in another directory, with the first process still holding its own.
    private string CopyFiles()
    {
        var copy = Path.Combine(Dir, "copy-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(Dir, "state*")) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        return Path.Combine(copy, "state.db");
    }

    private static int? VersionIn(LiteDatabase db, string id) => db.GetCollection("things").FindById(id)?["Version"].AsInt32;

    [Fact]
    public void AcknowledgedChange_InTheJournalAlone_IsThereAfterARestart()
    {
        using var db = Holding();
        db.Atomic(() => db.Persist("things", Doc("a", 1)));
        db.JournalPending.Should().Be(1, "the change is acknowledged with LiteDB not yet given it");

        var copy = CopyFiles();
        using (var raw = new LiteDatabase(new ConnectionString { Filename = copy, Connection = ConnectionType.Direct }))
            VersionIn(raw, "a").Should().BeNull("LiteDB's own files do not hold it: only the journal does");
        using var restarted = new EmulatorDatabase(copy);
        VersionIn(restarted.Db, "a").Should().Be(1);
        new FileInfo(WriteJournal.PathFor(copy)).Length.Should().Be(0, "replayed, then emptied");
    }

    [Fact]
    public void TornLastRecord_IsDropped_AndTheRecordsBeforeItReplayed()
    {
        using var db = Holding();
        db.Atomic(() => db.Persist("things", Doc("a", 1)));
        var copy = CopyFiles();
        // A record the process died writing: its length says more bytes than the file has.
        using (var journal = File.Open(WriteJournal.PathFor(copy), FileMode.Append))
            journal.Write([0xE8, 0x03, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9]);

        using var restarted = new EmulatorDatabase(copy);
        VersionIn(restarted.Db, "a").Should().Be(1);
    }

    [Fact]
    public void LaterDirectWrite_IsNotOverwrittenByTheJournalsOlderVersion()
    {
        using (var db = Holding())
        {
            db.Atomic(() => db.Persist("things", Doc("a", 1)));
            // A unit that also writes a LiteDB collection of its own commits on its thread, with its version of "a".
            db.Atomic(() =>
            {
                db.Collection<BsonDocument>("other").Insert(new BsonDocument { ["_id"] = "x", ["PartnerUid"] = "p" });
                db.Persist("things", Doc("a", 2));
            });
            db.ApplyJournal();
        }
        using var reopened = new LiteDatabase(new ConnectionString { Filename = DataPath, ReadOnly = true });
        VersionIn(reopened, "a").Should().Be(2);
    }

    [Fact]
    public void BundleRead_SeesWhatIsInTheJournal()
    {
        using var db = Holding();
        db.Atomic(() => db.Persist("things", Doc("a", 1)));

        db.PartnerDocuments("p").Should().ContainKey("things").WhoseValue.Should().ContainSingle(d => d["_id"] == "a");
        db.JournalPending.Should().Be(0);
    }

    [Fact]
    public void FullJournal_IsAppliedWithoutWaitingForQuiet()
    {
        using var db = Holding();
        db.JournalApplyAt = 3;
        for (var i = 0; i < 3; i++) db.Atomic(() => db.Persist("things", Doc("d" + i, 1)));

        WaitUntil(() => db.JournalPending == 0);
        VersionIn(db.Db, "d2").Should().Be(1);
    }

    [Fact]
    public void IdleJournal_IsApplied()
    {
        using var db = new EmulatorDatabase(DataPath);
        db.Atomic(() => db.Persist("things", Doc("a", 1)));

        WaitUntil(() => db.JournalPending == 0);
        VersionIn(db.Db, "a").Should().Be(1);
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the journal was not applied within 10 s");
            Thread.Sleep(10);
        }
    }
}
