using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Messages;

/// <summary>The stored events of every partner's queue. Collection <c>messages</c>: id = MessageId; index PartnerUid.</summary>
public sealed class MessageStore
{
    private readonly EmulatorDatabase _db;

    public MessageStore(EmulatorDatabase db)
    {
        _db = db;
        Messages.EnsureIndex(m => m.PartnerUid);
    }

    private ILiteCollection<PartnerMessage> Messages => _db.Collection<PartnerMessage>("messages");

    public void Insert(PartnerMessage message) => Messages.Insert(message);

    public long CountFor(string partnerUid) => Messages.LongCount(m => m.PartnerUid == partnerUid);

    /// <summary>The partner's events in the order they happened.</summary>
    public IReadOnlyList<PartnerMessage> ListFor(string partnerUid) =>
        Messages.Find(m => m.PartnerUid == partnerUid).OrderBy(m => m.EnqueueTime).ThenBy(m => m.Sequence).ToList();
}
