using System.Net;
using LiteDB;
using VirtualOperator.Emulator.Storage;
using VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Storage;

/// <summary>Strings compare byte for byte (issue 11, item 5), in new stores and in files written by schema 1.</summary>
public sealed class CollationTests : IDisposable
{
    private readonly TempDataDir _temp = new("collation");
    private string Dir => _temp.Path;
    private string DataPath => _temp.DataPath;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ClientTokensDifferingInCase_AreTwoPurchases()
    {
        using var app = new EmulatorApplication();
        var kit = await SalesKit.CreateAsync(app);

        var lower = await kit.BuyAsync(clientToken: "abc");
        var upper = await kit.BuyAsync(clientToken: "ABC");
        var again = await kit.BuyAsync(clientToken: "abc");

        upper.OrderId.Should().NotBe(lower.OrderId, "ABC is another token than abc");
        upper.InstanceId.Should().NotBe(lower.InstanceId);
        again.Should().Be(lower, "the same token, same case, is a retry");
    }

    [Fact]
    public async Task AccessKeyIdInTheWrongCase_IsNotFound()
    {
        using var app = new EmulatorApplication();
        var r = await app.Signed(EmulatorApplication.DefaultAccessKeyId.ToLowerInvariant(), EmulatorApplication.DefaultSecret)
            .V3("GetCustomerList", "2017-12-14");
        r.Status.Should().NotBe(HttpStatusCode.OK);
        r.Code.Should().Be("InvalidAccessKeyId.NotFound");
    }

    [Fact]
    public void Schema1File_IsMigratedToBinaryCollation_KeepingItsData()
    {
        Directory.CreateDirectory(Dir);
        // A file as schema 1 wrote it: LiteDB's default collation (ignores case).
        using (var old = new LiteDatabase(new ConnectionString { Filename = DataPath, Connection = ConnectionType.Direct }))
        {
            old.GetCollection("_meta").Upsert(new BsonDocument { ["_id"] = "schema", ["version"] = 1 });
            var orders = old.GetCollection("orders");
            orders.EnsureIndex("ClientToken");
            orders.Insert(new BsonDocument { ["_id"] = "o-1", ["PartnerUid"] = "p", ["ClientToken"] = "abc" });
            old.Pragma("COLLATION").AsString.Should().Contain("IgnoreCase", "the old default, which this test migrates from");
            (old.GetCollection("orders").FindOne(Query.EQ("ClientToken", "ABC")) is not null).Should().BeTrue();
        }

        using var db = new EmulatorDatabase(DataPath);
        db.Collation.Should().EndWith("/Ordinal");
        var migrated = db.Db.GetCollection("_meta").FindById("schema");
        migrated["version"].AsInt32.Should().Be(EmulatorDatabase.SchemaVersion);
        migrated["migratedFrom"].AsInt32.Should().Be(1);
        var orders2 = db.Db.GetCollection("orders");
        orders2.FindById("o-1")["ClientToken"].AsString.Should().Be("abc", "the data survives the migration");
        (orders2.FindOne(Query.EQ("ClientToken", "ABC")) is null).Should().BeTrue("ABC is another token");
        (orders2.FindOne(Query.EQ("ClientToken", "abc")) is not null).Should().BeTrue();
    }

    [Fact]
    public void NewFile_UsesBinaryCollation()
    {
        using var db = new EmulatorDatabase(DataPath);
        db.Collation.Should().EndWith("/Ordinal");
        using var memory = new EmulatorDatabase(null);
        memory.Collation.Should().EndWith("/Ordinal");
    }
}
