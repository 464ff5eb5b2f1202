using System.Text.Json;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Products.Messages;

namespace VirtualOperator.Emulator.Products.Mns;

/// <summary>A message still in a partner's queue, as the control plane lists it.</summary>
public sealed record QueuedMessageView(
    string MessageId, string EventType, string MessageBody, long EnqueueTime, int DequeueCount, long FirstDequeueTime,
    long NextVisibleTime, bool Visible, string? ReceiptHandle);

public sealed record QueueView(string QueueName, int ActiveMessages, int InactiveMessages, IReadOnlyList<QueuedMessageView> Messages);

public sealed record PurgeResult(string QueueName, int Purged);

/// <summary>A message to put in the partner's queue as if the emulator had recorded it: <c>data</c> becomes the body's <c>Data</c>.</summary>
public sealed record InjectMessageRequest(string? EventType, JsonElement? Data);

public sealed record InjectedMessage(string MessageId, string QueueName, string EventType, string MessageBody, long EnqueueTime);

/// <summary>
/// <c>/_emulator/partners/{uid}/queue</c>: what is in a partner's MNS queue (with the delivery state the consumer cannot see),
/// a purge, and an injected message for QA ("what does my platform do with an InstanceExpired?").
/// </summary>
public static class QueueControlPlane
{
    public static void MapQueueControl(this IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/partners/{uid}/queue", (string uid, PartnerStore partners, PartnerQueues queues) =>
        {
            if (partners.Get(uid) is not { } p) return ControlReplies.NoPartner(uid);
            var (active, inactive) = queues.Counts(uid);
            var list = queues.List(uid).Select(x => new QueuedMessageView(x.Message.MessageId, x.Message.EventType, x.Message.MessageBody,
                x.Message.EnqueueTime, x.Message.DequeueCount, x.Message.FirstDequeueTime, x.Message.NextVisibleTime, x.Visible,
                x.Visible ? null : x.Message.ReceiptHandle)).ToList();
            return TypedResults.Ok(new QueueView(p.MessageQueue, active, inactive, list));
        }).Produces<QueueView>();

        app.MapPost("/_emulator/partners/{uid}/queue/purge", (string uid, PartnerStore partners, PartnerQueues queues) =>
            partners.Get(uid) is not { } p ? ControlReplies.NoPartner(uid) : TypedResults.Ok(new PurgeResult(p.MessageQueue, queues.Purge(uid))))
            .Produces<PurgeResult>();

        app.MapPost("/_emulator/partners/{uid}/queue/messages",
            (string uid, InjectMessageRequest body, PartnerStore partners, PartnerEvents events, VirtualClock clock) =>
            {
                if (partners.Get(uid) is null) return ControlReplies.NoPartner(uid);
                if (string.IsNullOrWhiteSpace(body.EventType) || body.EventType.Length > 128)
                    return Results.Json(new { error = "\"eventType\" is required (at most 128 characters), e.g. \"InstanceExpired\"." }, statusCode: 400);
                var data = body.Data is { ValueKind: not JsonValueKind.Undefined } d ? d : JsonSerializer.SerializeToElement(new { });
                var m = events.Record(uid, body.EventType, data, clock.NowFor(uid));
                return TypedResults.Ok(new InjectedMessage(m.Id, m.QueueName, m.EventType, m.MessageBody, m.EnqueueTime));
            }).Produces<InjectedMessage>();
    }
}
