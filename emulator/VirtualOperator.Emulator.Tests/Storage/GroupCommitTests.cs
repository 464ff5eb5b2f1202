using LiteDB;
using VirtualOperator.Emulator.Storage;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Storage;

/// <summary>The group commit's own rules (docs/durability.md, "Group commit"), on a data file: a document said to be new is
/// inserted without a look-up, yet one that was there after all is still written (not the whole batch refused).</summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly TempDataDir _temp = new("groupcommit");
    private string DataPath => _temp.DataPath;

    public void Dispose() => _temp.Dispose();

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
}
