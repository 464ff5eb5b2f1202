namespace VirtualOperator.Emulator.Products.Messages;

/// <summary>
/// One event for a partner's message queue, stored in its final MNS form (catalog.json MNS/ReceiveMessage):
/// what ReceiveMessage will hand out is exactly these fields, only the delivery bookkeeping (receipt handle,
/// visibility, dequeue count) is added by the queue itself.
/// Collection <c>messages</c>: id = MessageId; index PartnerUid.
/// </summary>
public sealed class PartnerMessage
{
    /// <summary>32 upper-case hex digits, as MNS message ids are.</summary>
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    /// <summary>The partner's queue (<see cref="Partners.Partner.MessageQueue"/>).</summary>
    public string QueueName { get; set; } = "";
    /// <summary>What happened, e.g. <see cref="PartnerEventTypes.CustomerCreated"/>; also inside the body.</summary>
    public string EventType { get; set; } = "";
    /// <summary>The body exactly as delivered: JSON text (see <see cref="PartnerEvents"/> for its shape).</summary>
    public string MessageBody { get; set; } = "";
    /// <summary>Upper-case hex MD5 of the UTF-8 body, as MNS sends it.</summary>
    public string MessageBodyMD5 { get; set; } = "";
    /// <summary>Virtual time the event happened, milliseconds since the epoch (MNS times are ms epoch).</summary>
    public long EnqueueTime { get; set; }
    /// <summary>MNS priority 1..16; 8 is the MNS default for a message sent without one.</summary>
    public int Priority { get; set; } = 8;
    /// <summary>Order of recording within the partner, so same-millisecond events keep their order.</summary>
    public long Sequence { get; set; }

    internal PartnerMessage Copy() => (PartnerMessage)MemberwiseClone();
}
