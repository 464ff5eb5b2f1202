namespace VirtualOperator.Emulator.Products.Mns;

/// <summary>
/// The queue's bookkeeping for one message (the message itself is the stored <see cref="Messages.PartnerMessage"/>).
/// Collection <c>mns_deliveries</c>: id = MessageId; written only with <c>--data</c> (<see cref="Storage.EmulatorDatabase.Persist{T}"/>),
/// since the queue answers every read from memory. A message without a delivery has never been received.
/// </summary>
public sealed class QueueDelivery
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    /// <summary>How many times the message was received (MNS DequeueCount).</summary>
    public int DequeueCount { get; set; }
    /// <summary>Virtual ms of the first receive; 0 until then.</summary>
    public long FirstDequeueTime { get; set; }
    /// <summary>Virtual ms at which the message becomes visible again, as reported to the client.</summary>
    public long NextVisibleTime { get; set; }
    /// <summary>Wall-clock ms at which it becomes visible again: consumers poll in real time, so visibility runs on the wall clock.</summary>
    public long VisibleAtWall { get; set; }
    /// <summary>The one handle that may delete it or change its visibility; null when it is visible.</summary>
    public string? ReceiptHandle { get; set; }
    /// <summary>Deleted by the consumer, or purged from the control plane: never delivered again.</summary>
    public bool Deleted { get; set; }
}
