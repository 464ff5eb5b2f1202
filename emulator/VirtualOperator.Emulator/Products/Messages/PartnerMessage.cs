using System.Globalization;
using System.Text;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Messages;

/// <summary>
/// One event for a partner's message queue, stored in its final MNS form (catalog.json MNS/ReceiveMessage):
/// what ReceiveMessage will hand out is exactly these fields, only the delivery bookkeeping (receipt handle,
/// visibility, dequeue count) is added by the queue itself.
/// Collection <c>messages</c>: id = MessageId; index PartnerUid.
/// </summary>
/// <remarks>
/// Every paid order records one, and its body as a UTF-16 string was the largest part of an order's memory
/// (docs/performance.md, "Memory per order"): the body is kept as UTF-8 without the head that <see cref="Id"/>,
/// <see cref="EventType"/> and <see cref="PartnerUid"/> give, and the MD5 as its 16 bytes. Both read back exactly as set.
/// </remarks>
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
    [EmptyWhen(nameof(BodyIsEmpty))]
    public string MessageBody
    {
        get => _body is null ? null! : _head.Text + Encoding.UTF8.GetString(_body);
        set
        {
            if (value is null) (_head, _body) = (default, null);
            else KeepBody(Encoding.UTF8.GetBytes(value));
        }
    }

    /// <summary>Keeps <paramref name="utf8"/> without the head this row's fields give, when it begins with it. The head is
    /// rebuilt from the strings it was checked against (kept here, shared with the fields), so a field changed later does
    /// not change the body.</summary>
    private void KeepBody(byte[] utf8)
    {
        var head = Head.Of(Id, EventType, PartnerUid);
        var text = head.Text;
        var starts = utf8.Length >= text.Length;
        for (var i = 0; starts && i < text.Length; i++) starts = utf8[i] == text[i]; // the head is ASCII
        (_head, _body) = starts && text.Length > 0 ? (head, utf8[text.Length..]) : (default, utf8);
    }

    private byte[]? _body = [];
    private Head _head;
    internal bool BodyIsEmpty => _body is { Length: 0 } && _head.Id is null;

    /// <summary>The head of a recorded event's body as <see cref="PartnerEvents"/> writes it; empty when none was cut off.</summary>
    private readonly record struct Head(string? Id, string? EventType, string? PartnerUid)
    {
        public string Text => Id is null ? "" : $"{{\"MessageId\":\"{Id}\",\"EventType\":\"{EventType}\",\"PartnerUid\":\"{PartnerUid}\",";

        /// <summary>Only for values JSON writes as they are (ASCII letters, digits, <c>-</c>, <c>_</c>, <c>.</c>).</summary>
        public static Head Of(string? id, string? eventType, string? partnerUid) =>
            Plain(id) && Plain(eventType) && Plain(partnerUid) ? new Head(id, eventType, partnerUid) : default;

        private static bool Plain(string? s) => !string.IsNullOrEmpty(s) && !s.AsSpan().ContainsAnyExcept(PlainChars);

        private static readonly System.Buffers.SearchValues<char> PlainChars =
            System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");
    }

    /// <summary>Sets the body from its UTF-8 bytes and the MD5 from its 16 bytes, as recorded by <see cref="PartnerEvents"/>:
    /// what setting <see cref="MessageBody"/> and <see cref="MessageBodyMD5"/> to their text would keep, without the text
    /// (every paid order, renewal and notice records one). <see cref="Id"/>, <see cref="EventType"/> and
    /// <see cref="PartnerUid"/> must be set first.</summary>
    internal void SetRecorded(byte[] utf8Body, ReadOnlySpan<byte> md5)
    {
        KeepBody(utf8Body);
        _md5 = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(md5);
        (_md5Compact, _md5Text) = (true, null);
    }

    /// <summary>Upper-case hex MD5 of the UTF-8 body, as MNS sends it.</summary>
    [EmptyWhen(nameof(Md5IsEmpty))]
    public string MessageBodyMD5
    {
        get => _md5Compact ? _md5.ToString("X32", CultureInfo.InvariantCulture) : _md5Text!;
        set
        {
            // 32 upper-case hex digits (always, when recorded) are kept as their 16 bytes; anything else as given.
            _md5Compact = value is { Length: 32 } && !value.AsSpan().ContainsAnyExcept(UpperHex)
                && UInt128.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _md5);
            _md5Text = _md5Compact ? null : value;
        }
    }

    private UInt128 _md5;
    private static readonly System.Buffers.SearchValues<char> UpperHex = System.Buffers.SearchValues.Create("0123456789ABCDEF");
    private bool _md5Compact;
    private string? _md5Text = "";
    internal bool Md5IsEmpty => !_md5Compact && _md5Text is { Length: 0 };

    /// <summary>Virtual time the event happened, milliseconds since the epoch (MNS times are ms epoch).</summary>
    public long EnqueueTime { get; set; }
    /// <summary>MNS priority 1..16; 8 is the MNS default for a message sent without one.</summary>
    public int Priority { get; set; } = 8;
    /// <summary>Order of recording within the partner, so same-millisecond events keep their order.</summary>
    public long Sequence { get; set; }

    internal PartnerMessage Copy() => (PartnerMessage)MemberwiseClone();
}
