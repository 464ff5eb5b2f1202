using System.Security.Cryptography;
using LiteDB;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Workorder;

/// <summary>Tickets, collection <c>tickets</c>: id = ticket id; index PartnerUid. Every change is one upsert under the ticket's lock.</summary>
public sealed class TicketStore
{
    private readonly EmulatorDatabase _db;
    private readonly KeyedLocks _locks = new(LockLevel.OutBizId, "ticket");

    public TicketStore(EmulatorDatabase db)
    {
        _db = db;
        Tickets.EnsureIndex(t => t.PartnerUid);
    }

    private ILiteCollection<Ticket> Tickets => _db.Collection<Ticket>("tickets");

    /// <summary>[I] the shape of real ids is masked in the docs (<c>8M***UY</c>, <c>CT***HT</c>): "CT" and ten letters or digits.</summary>
    public static string NewId() => "CT" + RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 10);

    public void Insert(Ticket t) => Tickets.Insert(t);

    public Ticket? Get(string partnerUid, string id) => Tickets.FindById(id) is { } t && t.PartnerUid == partnerUid ? t : null;

    public IReadOnlyList<Ticket> ListFor(string partnerUid) =>
        Tickets.Find(t => t.PartnerUid == partnerUid).OrderByDescending(t => t.GmtCreated).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();

    /// <summary>Changes one ticket under its lock and writes it before returning; null when the partner has no such ticket.</summary>
    public Ticket? Update(string partnerUid, string id, Action<Ticket> change) => _locks.Run(id, () =>
    {
        if (Get(partnerUid, id) is not { } t) return null;
        change(t);
        Tickets.Update(t);
        return t;
    });
}
