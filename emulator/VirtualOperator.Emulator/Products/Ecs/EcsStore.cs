using LiteDB;
using VirtualOperator.Emulator.Products.Instances;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// ECS instances (collection <c>ecsInstances</c>, id instance id; indexes PartnerUid, CustomerUid: the shared
/// <see cref="InstanceStore{TInstance}"/>) and reserved instances (<c>ecsReservedInstances</c>, id RI id; index PartnerUid).
/// Writers hold the customer's lock (<see cref="Domain.CustomerLocks"/>).
/// </summary>
public sealed class EcsStore : InstanceStore<EcsInstance>
{
    public EcsStore(EmulatorDatabase db) : base(db, "ecsInstances", i => i.CreationTime)
    {
        Reserved.EnsureIndex(r => r.PartnerUid);
    }

    private ILiteCollection<EcsReservedInstance> Reserved => Db.Collection<EcsReservedInstance>("ecsReservedInstances");

    public EcsReservedInstance? ReservedInstance(string id) => Reserved.FindById(id);
    public void Upsert(EcsReservedInstance r) => Reserved.Upsert(r);
    public IReadOnlyList<EcsReservedInstance> ReservedOf(string partnerUid, string? customerUid) =>
        Reserved.Find(r => r.PartnerUid == partnerUid).Where(r => customerUid is null || r.CustomerUid == customerUid)
            .OrderBy(r => r.CreationTime).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

    /// <summary>Ids as ECS spells them: a region-specific prefix ("i-bp" in cn-hangzhou) and 18 more characters.</summary>
    public string NewInstanceId(string regionId) => NewId(RegionPrefix("i-", regionId));

    public string NewReservedInstanceId(string regionId) => NewId(RegionPrefix("ecsri-", regionId), 18, id => Reserved.FindById(id) is null);

    /// <summary>[I] the two letters after the dash; seen on real ids for these regions ("bp" Hangzhou, "uf" Shanghai, "t4" Singapore).</summary>
    private static string RegionPrefix(string kind, string regionId) => kind + regionId switch
    {
        "cn-hangzhou" => "bp", "cn-shanghai" => "uf", "ap-southeast-1" => "t4", _ => "2z",
    };
}
