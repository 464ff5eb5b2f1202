using System.Security.Cryptography;
using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// RDS state. Collections: <c>rdsInstances</c> (id instance id; indexes PartnerUid, CustomerUid, MasterInstanceId),
/// <c>rdsBackups</c> (id backup set id; indexes PartnerUid, DBInstanceId). Every document carries its PartnerUid, so a
/// partner reset (<see cref="EmulatorDatabase.DeletePartnerData"/>) reaches it. Writers hold the customer's lock
/// (<see cref="BssOpenApi.Sales.OrderDesk.UnderCustomerLock{T}"/>), the same lock as the instance's orders and credit.
/// </summary>
public sealed class RdsStore
{
    private readonly EmulatorDatabase _db;

    public RdsStore(EmulatorDatabase db)
    {
        _db = db;
        Instances.EnsureIndex(i => i.PartnerUid);
        Instances.EnsureIndex(i => i.CustomerUid);
        Instances.EnsureIndex(i => i.MasterInstanceId);
        Backups.EnsureIndex(b => b.PartnerUid);
        Backups.EnsureIndex(b => b.DBInstanceId);
    }

    private ILiteCollection<RdsInstance> Instances => _db.Collection<RdsInstance>("rdsInstances");
    private ILiteCollection<RdsBackup> Backups => _db.Collection<RdsBackup>("rdsBackups");

    public RdsInstance? Instance(string id) => Instances.FindById(id);
    public void Insert(RdsInstance i) => Instances.Insert(i);
    public void Update(RdsInstance i) => Instances.Update(i);

    /// <summary>The partner's instances (one customer's when given), oldest first.</summary>
    public IReadOnlyList<RdsInstance> InstancesOf(string partnerUid, string? customerUid) =>
        Instances.Find(i => i.PartnerUid == partnerUid)
            .Where(i => customerUid is null || i.CustomerUid == customerUid)
            .OrderBy(i => i.CreateTime).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<RdsInstance> ReadOnlyOf(string masterId) =>
        Instances.Find(i => i.MasterInstanceId == masterId).OrderBy(i => i.CreateTime).ToList();

    public void Insert(RdsBackup b) => Backups.Insert(b);
    public RdsBackup? Backup(string id) => Backups.FindById(id);

    public IReadOnlyList<RdsBackup> BackupsOf(string instanceId) =>
        Backups.Find(b => b.DBInstanceId == instanceId).OrderByDescending(b => b.StartTime).ToList();

    /// <summary>A numeric id not used yet (backup set and job ids are numbers on the wire).</summary>
    public string NewBackupId()
    {
        while (true)
        {
            var id = (100_000_000L + RandomNumberGenerator.GetInt32(900_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Backups.FindById(id) is null) return id;
        }
    }
}
