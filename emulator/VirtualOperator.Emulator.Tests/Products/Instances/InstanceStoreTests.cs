using LiteDB;
using VirtualOperator.Emulator.Products.Ecs;
using VirtualOperator.Emulator.Products.Rds;
using VirtualOperator.Emulator.Storage;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Instances;

/// <summary>The shared store base keeps the collections and indexes that ECS and RDS data files already hold.</summary>
public sealed class InstanceStoreTests : IDisposable
{
    private readonly TempDataDir _temp = new("instances");
    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void DataFileWrittenBeforeTheBase_OpensWithItsIndexesAndInstances()
    {
        var path = Path.Combine(Dir, "state.db");
        using (var before = new EmulatorDatabase(path))
        {
            // What EcsStore and RdsStore wrote before they derived from InstanceStore: indexes made from lambdas.
            var ecs = before.Collection<EcsInstance>("ecsInstances");
            ecs.EnsureIndex(i => i.PartnerUid);
            ecs.EnsureIndex(i => i.CustomerUid);
            ecs.Insert(new EcsInstance { Id = "i-bp1", PartnerUid = "p1", CustomerUid = "c1", CreationTime = DateTime.UtcNow });
            var rds = before.Collection<RdsInstance>("rdsInstances");
            rds.EnsureIndex(i => i.PartnerUid);
            rds.EnsureIndex(i => i.CustomerUid);
            rds.EnsureIndex(i => i.MasterInstanceId);
        }

        using var db = new EmulatorDatabase(path);
        var store = new EcsStore(db);
        _ = new RdsStore(db);
        store.InstancesOf("p1", "c1").Select(i => i.Id).Should().Equal("i-bp1");
        db.Db.GetCollection("$indexes").Find(Query.EQ("collection", "ecsInstances")).Select(d => d["name"].AsString)
            .Should().BeEquivalentTo("_id", "PartnerUid", "CustomerUid");
        store.NewInstanceId("cn-hangzhou").Should().MatchRegex("^i-bp[a-z0-9]{18}$");
    }
}
