using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Tests.Storage;

/// <summary>LiteDB lists collections from a dictionary in its header page that a transaction creating a collection
/// changes, with no lock of its own (<c>HeaderPage.GetCollections</c>): a bundle export listing them while a product
/// created its first document failed with "Collection was modified" (the fuzz stage, once). The list is read under the
/// write gate that every LiteDB write holds.</summary>
public sealed class CollectionListRaceTests
{
    [Fact]
    public async Task PartnerDocuments_WhileCollectionsAreCreated_NeverFails()
    {
        using var db = new EmulatorDatabase(null);
        using var stop = new CancellationTokenSource();
        var creator = Task.Run(() =>
        {
            // LiteDB's header page holds about 800 collection names.
        for (var i = 0; i < 700 && !stop.IsCancellationRequested; i++)
                db.Collection<BsonDocument>("c" + i).Insert(new BsonDocument { ["_id"] = "x", ["PartnerUid"] = "p" });
        });
        try
        {
            while (!creator.IsCompleted)
            {
                db.PartnerDocuments("p");
                db.Find("c1", "x");
            }
        }
        finally
        {
            stop.Cancel();
        }
        await creator;
        db.PartnerDocuments("p").Should().HaveCount(700);
    }
}
