using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Messages;

/// <summary>The stored events of every partner's queue, kept in memory (<see cref="MemoryTable{T}"/>; with <c>--data</c> also
/// in the collection <c>messages</c>: id = MessageId; index PartnerUid). Every paid order and new customer records one,
/// and writing it to the in-memory LiteDB held the write gate for most of the change (docs/performance.md, change 14).
/// Resets drop a partner's messages here; LiteDB's copies go with the reset's own delete.</summary>
public sealed class MessageStore : IStateReset
{
    private readonly EmulatorDatabase _db;

    public MessageStore(EmulatorDatabase db)
    {
        _db = db;
        Table = new MemoryTable<PartnerMessage>(db, "messages", m => m.Id, m => m.PartnerUid, m => m.Copy(), m =>
        {
            StoredForm<PartnerMessage>.Apply(m);
            // Few distinct values, one string each (docs/performance.md, "Memory per order").
            m.PartnerUid = SharedStrings.Of(m.PartnerUid)!;
            m.QueueName = SharedStrings.Of(m.QueueName)!;
            m.EventType = SharedStrings.Of(m.EventType)!;
        });
        Table.Load();
    }

    internal MemoryTable<PartnerMessage> Table { get; }

    /// <summary>Raised once a message is durable (after the unit of work that stored it commits; never for a change that
    /// rolled back), outside the store's lock: the MNS queue wakes its long-polling receivers.</summary>
    public event Action<PartnerMessage>? Inserted;

    public void Insert(PartnerMessage message)
    {
        Table.Put(message, insert: true);
        _db.AfterCommit(() => Inserted?.Invoke(message));
    }

    public long CountFor(string partnerUid) => Table.CountOf(partnerUid);

    public void OnReset(string? partnerUid) => Table.Forget(partnerUid);

    /// <summary>The partner's events in the order they happened.</summary>
    public IReadOnlyList<PartnerMessage> ListFor(string partnerUid) =>
        Table.PeekPartner(partnerUid).OrderBy(m => m.EnqueueTime).ThenBy(m => m.Sequence).Select(m => m.Copy()).ToList();
}
