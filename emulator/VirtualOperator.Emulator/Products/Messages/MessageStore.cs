using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Messages;

/// <summary>The stored events of every partner's queue. Collection <c>messages</c>: id = MessageId; index PartnerUid.
/// Each partner's message count is kept in memory once read: counting walks every index entry of the partner,
/// and every recorded event asks for it (a partner with 100,000 events made each write 100,000 steps long).
/// Inserts through this store keep it current; resets drop it, so it is read again from LiteDB.</summary>
public sealed class MessageStore : IStateReset
{
    private readonly EmulatorDatabase _db;
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public MessageStore(EmulatorDatabase db)
    {
        _db = db;
        Messages.EnsureIndex(m => m.PartnerUid);
    }

    private ILiteCollection<PartnerMessage> Messages => _db.Collection<PartnerMessage>("messages");

    /// <summary>Raised once a message is durable (after the unit of work that stored it commits; never for a change that
    /// rolled back), outside the store's lock: the MNS queue wakes its long-polling receivers.</summary>
    public event Action<PartnerMessage>? Inserted;

    public void Insert(PartnerMessage message)
    {
        // The write first, outside _gate: a leaf lock, never held while waiting for the write gate.
        Messages.Insert(message);
        lock (_gate)
        {
            if (_counts.TryGetValue(message.PartnerUid, out var n)) _counts[message.PartnerUid] = n + 1;
        }
        _db.AfterCommit(() => Inserted?.Invoke(message));
    }

    public long CountFor(string partnerUid)
    {
        lock (_gate)
        {
            if (!_counts.TryGetValue(partnerUid, out var n)) _counts[partnerUid] = n = Messages.LongCount(m => m.PartnerUid == partnerUid);
            return n;
        }
    }

    public void OnReset(string? partnerUid)
    {
        lock (_gate)
        {
            if (partnerUid is null) _counts.Clear();
            else _counts.Remove(partnerUid);
        }
    }

    /// <summary>The partner's events in the order they happened.</summary>
    public IReadOnlyList<PartnerMessage> ListFor(string partnerUid) =>
        Messages.Find(m => m.PartnerUid == partnerUid).OrderBy(m => m.EnqueueTime).ThenBy(m => m.Sequence).ToList();
}
