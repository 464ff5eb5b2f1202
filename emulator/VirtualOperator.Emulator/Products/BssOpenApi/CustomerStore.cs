using LiteDB;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi;

/// <summary>
/// Customers of partners. Collection <c>customers</c>: id = customer uid; indexes PartnerUid, LoginEmail.
/// </summary>
public sealed class CustomerStore
{
    private readonly EmulatorDatabase _db;
    private readonly KeyedLocks _locks = new();

    public CustomerStore(EmulatorDatabase db)
    {
        _db = db;
        Customers.EnsureIndex(c => c.PartnerUid);
        Customers.EnsureIndex(c => c.LoginEmail);
    }

    private ILiteCollection<Customer> Customers => _db.Collection<Customer>("customers");

    public IReadOnlyList<Customer> ListForPartner(string partnerUid) =>
        Customers.Find(c => c.PartnerUid == partnerUid).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToList();

    public Customer? Get(string customerUid) => Customers.FindById(customerUid);

    /// <summary>A customer of this partner, or null (also when it belongs to another partner).</summary>
    public Customer? GetForPartner(string partnerUid, string customerUid) =>
        Get(customerUid) is { } c && c.PartnerUid == partnerUid ? c : null;

    public void Update(Customer customer) => Customers.Update(customer);

    /// <summary>
    /// Inserts under the partner's lock after <paramref name="check"/> passes, so a limit or a uniqueness rule
    /// checked inside it holds under concurrent creates; login e-mails are unique across every partner.
    /// </summary>
    public Customer Create(string partnerUid, Customer customer, Action<int, bool> check) => _locks.Run("customers", () =>
    {
        var count = Customers.Count(c => c.PartnerUid == partnerUid);
        var emailTaken = Customers.Exists(c => c.LoginEmail == customer.LoginEmail);
        check(count, emailTaken);
        customer.PartnerUid = partnerUid;
        Customers.Insert(customer);
        return customer;
    });
}
