using LiteDB;
using System.Security.Cryptography;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// ECS instances (collection <c>ecsInstances</c>, id instance id; indexes PartnerUid, CustomerUid) and reserved
/// instances (<c>ecsReservedInstances</c>, id RI id; index PartnerUid). Writers hold the customer's lock
/// (<see cref="BssOpenApi.Sales.OrderDesk.UnderCustomerLock{T}"/>).
/// </summary>
public sealed class EcsStore
{
    private readonly EmulatorDatabase _db;

    public EcsStore(EmulatorDatabase db)
    {
        _db = db;
        Instances.EnsureIndex(i => i.PartnerUid);
        Instances.EnsureIndex(i => i.CustomerUid);
        Reserved.EnsureIndex(r => r.PartnerUid);
    }

    private ILiteCollection<EcsInstance> Instances => _db.Collection<EcsInstance>("ecsInstances");
    private ILiteCollection<EcsReservedInstance> Reserved => _db.Collection<EcsReservedInstance>("ecsReservedInstances");

    public EcsInstance? Instance(string id) => Instances.FindById(id);
    public void Insert(EcsInstance i) => Instances.Insert(i);
    public void Update(EcsInstance i) => Instances.Update(i);

    /// <summary>The partner's instances (or one customer's), oldest first; released ones included (the caller filters).</summary>
    public IReadOnlyList<EcsInstance> InstancesOf(string partnerUid, string? customerUid) =>
        (customerUid is null ? Instances.Find(i => i.PartnerUid == partnerUid) : Instances.Find(i => i.CustomerUid == customerUid && i.PartnerUid == partnerUid))
            .OrderBy(i => i.CreationTime).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();

    public EcsReservedInstance? ReservedInstance(string id) => Reserved.FindById(id);
    public void Upsert(EcsReservedInstance r) => Reserved.Upsert(r);
    public IReadOnlyList<EcsReservedInstance> ReservedOf(string partnerUid, string? customerUid) =>
        Reserved.Find(r => r.PartnerUid == partnerUid).Where(r => customerUid is null || r.CustomerUid == customerUid)
            .OrderBy(r => r.CreationTime).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

    /// <summary>Ids as ECS spells them: a region-specific prefix ("i-bp" in cn-hangzhou) and 18 more characters.</summary>
    public string NewInstanceId(string regionId) => NewId(RegionPrefix("i-", regionId), id => Instances.FindById(id) is null);

    public string NewReservedInstanceId(string regionId) => NewId(RegionPrefix("ecsri-", regionId), id => Reserved.FindById(id) is null);

    /// <summary>[I] the two letters after the dash; seen on real ids for these regions ("bp" Hangzhou, "uf" Shanghai, "t4" Singapore).</summary>
    private static string RegionPrefix(string kind, string regionId) => kind + regionId switch
    {
        "cn-hangzhou" => "bp", "cn-shanghai" => "uf", "ap-southeast-1" => "t4", _ => "2z",
    };

    private static string NewId(string prefix, Func<string, bool> free)
    {
        const string chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        while (true)
        {
            var id = prefix + RandomNumberGenerator.GetString(chars, 18);
            if (free(id)) return id;
        }
    }
}
