using System.Security.Cryptography;
using System.Text.Json;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Protocol.Signing;

namespace VirtualOperator.Emulator.Products.Messages;

/// <summary>
/// The one way any product records an event for a partner's queue:
/// <c>ctx.Get&lt;PartnerEvents&gt;().Record(ctx.PartnerUid, PartnerEventTypes.X, new { ... }, ctx.Now)</c>.
/// The body is JSON text [I] (no public source shows the reseller message format):
/// <c>{"MessageId","EventType","PartnerUid","EventTime":ISO-8601 UTC (virtual),"Data":payload}</c>.
/// </summary>
/// <remarks>
/// A message is part of the change it reports: recorded inside that change's unit of work
/// (<see cref="Storage.EmulatorDatabase.Atomic{T}"/>, opened by <c>OrderDesk</c>, <c>CreditLedger.WithCustomerLock</c>, or
/// the product), it commits with it or not at all. Its sequence number is taken under the write gate, so sequence
/// order is commit order.
/// </remarks>
public sealed class PartnerEvents(MessageStore store, PartnerStore partners, Storage.EmulatorDatabase db)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };
    // Last sequence number per partner: counting the partner's messages for every event made a year of
    // renewals quadratic. Seeded from the store once; after a partner reset it keeps counting up, which keeps the order.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _sequence = new(StringComparer.Ordinal);

    public PartnerMessage Record(string partnerUid, string eventType, object payload, DateTimeOffset now) =>
        db.Atomic(() =>
        {
            // One string per partner, shared by all its messages (and by the body's head, PartnerMessage.MessageBody).
            partnerUid = Storage.SharedStrings.Of(partnerUid)!;
            // Everything but the sequence number before the write gate: the gate is held from here to the commit, and every
            // change that records a message waits for it.
            Span<byte> random = stackalloc byte[16];
            RandomNumberGenerator.Fill(random);
            var id = Convert.ToHexString(random);
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                MessageId = id,
                EventType = eventType,
                PartnerUid = partnerUid,
                EventTime = Clock.IsoSeconds.Format(now.UtcDateTime),
                Data = payload,
            }, Json);
            // A reused MD5 context (ThreadHashes): a one-shot MD5.HashData looks the algorithm up in OpenSSL every time.
            var md5 = ThreadHashes.Md5();
            md5.AppendData(body);
            Span<byte> digest = stackalloc byte[16];
            md5.GetHashAndReset(digest);
            var message = new PartnerMessage
            {
                Id = id,
                PartnerUid = partnerUid,
                QueueName = Storage.SharedStrings.Of(partners.Get(partnerUid)?.MessageQueue ?? $"vo-messages-{partnerUid}")!,
                EventType = eventType,
                EnqueueTime = now.ToUnixTimeMilliseconds(),
            };
            message.SetRecorded(body, digest);
            // The write gate (held by the unit to its commit) orders every partner's sequence numbers.
            using var writing = db.InCommitOrder();
            message.Sequence = _sequence[partnerUid] = (_sequence.TryGetValue(partnerUid, out var last) ? last : store.CountFor(partnerUid)) + 1;
            store.Insert(message);
            return message;
        });
}
