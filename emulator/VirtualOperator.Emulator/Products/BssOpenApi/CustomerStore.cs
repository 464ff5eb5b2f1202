using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi;

/// <summary>
/// Customers of partners. Collection <c>customers</c>: id = customer uid; indexes PartnerUid, LoginEmail.
/// </summary>
public sealed class CustomerStore
{
    private readonly EmulatorDatabase _db;

    public CustomerStore(EmulatorDatabase db)
    {
        _db = db;
        Customers.EnsureIndex(c => c.PartnerUid);
        Customers.EnsureIndex(c => c.LoginEmail);
    }

    private ILiteCollection<Customer> Customers => _db.Collection<Customer>("customers");

    public IReadOnlyList<Customer> ListForPartner(string partnerUid) =>
        Customers.Find(c => c.PartnerUid == partnerUid).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToList();
}
