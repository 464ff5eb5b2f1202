using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Tests.Storage;

/// <summary>The group commit's own rules (docs/durability.md, "Group commit"), on a data file: a document said to be new is
/// inserted without a look-up, yet one that was there after all is still written (not the whole batch refused); a change
/// that finds no commit under way commits on its own thread; changes queue while a batch is being written, and the first
/// of them leads the next batch.</summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vo-groupcommit-" + Guid.NewGuid().ToString("N"));
    private string DataPath => Path.Combine(_dir, "state.db");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static BsonDocument Doc(string id, int version) => new() { ["_id"] = id, ["PartnerUid"] = "p", ["Version"] = version };

    [Fact]
    public void InsertedDocument_ThatExistsAfterAll_IsStillWrittenWithItsBatch()
    {
        using (var db = new EmulatorDatabase(DataPath))
        {
            db.Atomic(() => db.Persist("things", Doc("a", 1)));
            // Wrongly said to be new: the insert fails on the unique _id, and the batch is written again as upserts.
            var write = () => db.Atomic(() => db.Persist("things", Doc("a", 2), inserted: true));
            write.Should().NotThrow();
            db.Atomic(() => db.Persist("things", Doc("b", 1), inserted: true));
        }

        using var reopened = new LiteDatabase(new ConnectionString { Filename = DataPath, ReadOnly = true });
        var things = reopened.GetCollection("things");
        things.FindById("a")["Version"].AsInt32.Should().Be(2);
        things.FindById("b")["Version"].AsInt32.Should().Be(1);
    }

    [Fact]
    public void LoneChange_IsCommittedOnItsOwnThread()
    {
        using var db = new EmulatorDatabase(DataPath);
        int? committer = null;
        db.BeforeGroupWrite = _ => committer = Environment.CurrentManagedThreadId;

        db.Atomic(() => db.Persist("things", Doc("a", 1)));

        // No hand-off to a committer thread (a wake-up and two context switches per batch; docs/performance.md).
        committer.Should().Be(Environment.CurrentManagedThreadId);
    }

    /// <summary>A's batch is held inside its LiteDB write: B's change still takes the write gate and queues (the batch holds
    /// only LiteDB's own lock), waits for its own commit, and leads the next batch once A's is done. Deterministic: the
    /// first batch is held until B has queued.</summary>
    [Fact]
    public async Task ChangeQueuedWhileABatchIsWritten_IsNotHeldAtTheGate_AndLeadsTheNextBatch()
    {
        var sizes = new List<int>();
        using (var db = new EmulatorDatabase(DataPath))
        {
            using var writing = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            db.BeforeGroupWrite = size =>
            {
                sizes.Add(size);
                if (sizes.Count > 1) return;
                writing.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            };
            var a = Task.Run(() => db.Atomic(() => db.Persist("things", Doc("a", 1))));
            writing.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();

            using var queued = new ManualResetEventSlim();
            var b = Task.Run(() => db.Atomic(() =>
            {
                db.Persist("things", Doc("b", 1)); // takes the write gate, held to the unit's end (when it queues)
                queued.Set();
            }));
            // Generous: a batch written under the write gate would hold B here until A's batch is released.
            queued.Wait(TimeSpan.FromSeconds(20)).Should().BeTrue("a batch being written must not hold the write gate");
            b.IsCompleted.Should().BeFalse("B is acknowledged only once its own batch has committed");

            release.Set();
            await Task.WhenAll(a, b).WaitAsync(TimeSpan.FromSeconds(30));
        }

        sizes.Should().Equal(1, 1);
        using var reopened = new LiteDatabase(new ConnectionString { Filename = DataPath, ReadOnly = true });
        var things = reopened.GetCollection("things");
        ((object?)things.FindById("a")).Should().NotBeNull();
        ((object?)things.FindById("b")).Should().NotBeNull();
    }

    /// <summary>After a batch of two, the next leader holds its batch back until a second change has queued (changes that
    /// came together come together again), and a lone change after a batch of one commits at once. Deterministic: the gather
    /// bound is lengthened, and the second change is started only once the leader is gathering.</summary>
    [Fact]
    public async Task AfterABatchOfTwo_TheNextLeaderWaitsForASecondChange()
    {
        var sizes = new List<int>();
        using var db = new EmulatorDatabase(DataPath);
        db.GroupGatherBound = TimeSpan.FromSeconds(30);
        using var writing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        db.BeforeGroupWrite = size =>
        {
            sizes.Add(size);
            if (sizes.Count > 1) return;
            writing.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        };
        // A batch of one (A, held while B and C queue), then a batch of two (B and C).
        var a = Task.Run(() => db.Atomic(() => db.Persist("things", Doc("a", 1))));
        writing.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();
        var b = Task.Run(() => db.Atomic(() => db.Persist("things", Doc("b", 1))));
        var c = Task.Run(() => db.Atomic(() => db.Persist("things", Doc("c", 1))));
        SpinWait.SpinUntil(() => db.QueuedForGroupCommit == 2, TimeSpan.FromSeconds(30)).Should().BeTrue();
        release.Set();
        await Task.WhenAll(a, b, c).WaitAsync(TimeSpan.FromSeconds(30));
        sizes.Should().Equal(1, 2);

        var d = Task.Run(() => db.Atomic(() => db.Persist("things", Doc("d", 1))));
        SpinWait.SpinUntil(() => db.GroupGathering, TimeSpan.FromSeconds(20)).Should().BeTrue("the last batch held two changes");
        var e = Task.Run(() => db.Atomic(() => db.Persist("things", Doc("e", 1))));
        await Task.WhenAll(d, e).WaitAsync(TimeSpan.FromSeconds(30));
        sizes.Should().Equal(1, 2, 2);
    }

    [Fact]
    public async Task LoneChanges_AreNotHeldBack()
    {
        var sizes = new List<int>();
        using var db = new EmulatorDatabase(DataPath);
        db.GroupGatherBound = TimeSpan.FromSeconds(30);
        db.BeforeGroupWrite = sizes.Add;
        // Generous: a leader that gathered would wait out the 30 s bound.
        var lone = Task.Run(() =>
        {
            for (var i = 0; i < 3; i++) db.Atomic(() => db.Persist("things", Doc($"x{i}", 1)));
        });
        (await Task.WhenAny(lone, Task.Delay(TimeSpan.FromSeconds(20)))).Should().BeSameAs(lone, "a lone writer's last batch held one change");
        sizes.Should().Equal(1, 1, 1);
    }
}
