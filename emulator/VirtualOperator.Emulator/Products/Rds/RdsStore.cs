using System.Security.Cryptography;
using LiteDB;
using VirtualOperator.Emulator.Products.Instances;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// RDS state. Collections: <c>rdsInstances</c> (id instance id; indexes PartnerUid, CustomerUid: the shared
/// <see cref="InstanceStore{TInstance}"/>; and MasterInstanceId), <c>rdsBackups</c> (id backup set id; indexes PartnerUid,
/// DBInstanceId). Every document carries its PartnerUid, so a partner reset (<see cref="EmulatorDatabase.DeletePartnerData"/>)
/// reaches it. Writers hold the customer's lock (<see cref="Domain.CustomerLocks"/>), the same lock as the instance's orders and credit.
/// </summary>
public sealed class RdsStore : InstanceStore<RdsInstance>
{
    public RdsStore(EmulatorDatabase db) : base(db, "rdsInstances", i => i.CreateTime)
    {
        Instances.EnsureIndex(i => i.MasterInstanceId);
        Backups.EnsureIndex(b => b.PartnerUid);
        Backups.EnsureIndex(b => b.DBInstanceId);
    }

    private ILiteCollection<RdsBackup> Backups => Db.Collection<RdsBackup>("rdsBackups");

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
