using System.Security.Cryptography;
using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Instances;

/// <summary>
/// The store of one instance kind: a LiteDB collection (id = instance id; indexes PartnerUid and CustomerUid) with the
/// reads and writes every product needs. A product's store derives from it and adds its own collections and queries.
/// Writers hold the customer's lock (<see cref="Domain.CustomerLocks"/>, through <c>OrderDesk.Place</c> or
/// <c>OrderDesk.UnderCustomerLock</c>), the same lock as the instance's orders and credit.
/// </summary>
public abstract class InstanceStore<TInstance> where TInstance : class, IProductInstance
{
    private const string IdChars = "abcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Func<TInstance, DateTime> _createdAt;

    /// <param name="createdAt">When an instance was created: lists are oldest first, then by id.</param>
    protected InstanceStore(EmulatorDatabase db, string collection, Func<TInstance, DateTime> createdAt)
    {
        Db = db;
        CollectionName = collection;
        _createdAt = createdAt;
        Instances.EnsureIndex(nameof(IProductInstance.PartnerUid));
        Instances.EnsureIndex(nameof(IProductInstance.CustomerUid));
    }

    protected EmulatorDatabase Db { get; }

    public string CollectionName { get; }

    protected ILiteCollection<TInstance> Instances => Db.Collection<TInstance>(CollectionName);

    public TInstance? Instance(string id) => Instances.FindById(id);
    public void Insert(TInstance i) => Instances.Insert(i);
    public void Update(TInstance i) => Instances.Update(i);

    /// <summary>The partner's instances (one customer's when given), oldest first, then by id; released ones included (the caller filters).</summary>
    public IReadOnlyList<TInstance> InstancesOf(string partnerUid, string? customerUid) =>
        (customerUid is null
            ? Instances.Find(Query.EQ(nameof(IProductInstance.PartnerUid), partnerUid))
            : Instances.Find(Query.EQ(nameof(IProductInstance.CustomerUid), customerUid)).Where(i => i.PartnerUid == partnerUid))
        .OrderBy(_createdAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();

    /// <summary>A new id: <paramref name="prefix"/> and <paramref name="length"/> random lower-case letters and digits, not used by this kind yet.</summary>
    public string NewId(string prefix, int length = 18) => NewId(prefix, length, id => Instances.FindById(id) is null);

    /// <summary>A new id free by <paramref name="free"/> (for a product's other collections, or ids shared with another store).</summary>
    protected static string NewId(string prefix, int length, Func<string, bool> free)
    {
        while (true)
        {
            var id = prefix + RandomNumberGenerator.GetString(IdChars, length);
            if (free(id)) return id;
        }
    }
}
