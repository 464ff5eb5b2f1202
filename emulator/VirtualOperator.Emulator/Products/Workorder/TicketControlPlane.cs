using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Partners;

namespace VirtualOperator.Emulator.Products.Workorder;

public sealed record TicketNoteView(string Content, string NoteType, bool FromOfficial, long GmtCreated, IReadOnlyList<string> AttachIds);

public sealed record TicketView(string Id, string CustomerUid, long? ProductId, string Title, string QuestionStatus, long GmtCreated,
    IReadOnlyList<TicketNoteView> Notes);

/// <summary>Support's answer: <c>status</c> defaults to <c>wait_feedback</c> (support waits for the customer) [I]; <c>secret</c> makes it a <c>sec_chat</c> note.</summary>
public sealed record SupportReplyRequest(string? Content, string? Status, bool? Secret);

public sealed record TicketStatusRequest(string? Status);

/// <summary>
/// "Alibaba Cloud support" for QA: list a partner's tickets, answer one, move it along the real <c>questionStatus</c> values
/// (<c>/_emulator/partners/{uid}/tickets…</c>), so a whole support conversation can be scripted.
/// </summary>
public static class TicketControlPlane
{
    public static void MapTicketControl(this IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/partners/{uid}/tickets", (string uid, PartnerStore partners, TicketStore tickets) =>
            partners.Get(uid) is null ? ControlReplies.NoPartner(uid) : TypedResults.Ok(tickets.ListFor(uid).Select(View).ToList()))
            .Produces<List<TicketView>>();

        app.MapPost("/_emulator/partners/{uid}/tickets/{id}/reply",
            (string uid, string id, SupportReplyRequest body, PartnerStore partners, TicketStore tickets, VirtualClock clock) =>
            {
                if (partners.Get(uid) is null) return ControlReplies.NoPartner(uid);
                if (string.IsNullOrWhiteSpace(body.Content)) return BadRequest("\"content\" is required.");
                var status = body.Status ?? QuestionStatuses.WaitFeedback;
                if (!QuestionStatuses.All.Contains(status)) return BadRequest(StatusHelp(status));
                var now = clock.NowFor(uid).ToUnixTimeMilliseconds();
                var t = tickets.Update(uid, id, t =>
                {
                    WorkorderActions.AddNotes(t, body.Secret == true ? null : body.Content, body.Secret == true ? body.Content : null, [], fromOfficial: true, now);
                    t.Status = status;
                    t.GmtModified = now;
                });
                return t is null ? ControlReplies.NotFound($"Partner {uid} has no ticket {id}.") : TypedResults.Ok(View(t));
            }).Produces<TicketView>();

        app.MapPost("/_emulator/partners/{uid}/tickets/{id}/status",
            (string uid, string id, TicketStatusRequest body, PartnerStore partners, TicketStore tickets, VirtualClock clock) =>
            {
                if (partners.Get(uid) is null) return ControlReplies.NoPartner(uid);
                if (body.Status is not { } status || !QuestionStatuses.All.Contains(status)) return BadRequest(StatusHelp(body.Status));
                var now = clock.NowFor(uid).ToUnixTimeMilliseconds();
                var t = tickets.Update(uid, id, t => { t.Status = status; t.GmtModified = now; });
                return t is null ? ControlReplies.NotFound($"Partner {uid} has no ticket {id}.") : TypedResults.Ok(View(t));
            }).Produces<TicketView>();
    }

    private static TicketView View(Ticket t) => new(t.Id, t.CustomerUid, t.ProductId, t.Title, t.Status, t.GmtCreated,
        t.Notes.Select(n => new TicketNoteView(n.Content, n.NoteType, n.FromOfficial, n.GmtCreated, n.AttachIds)).ToList());

    private static string StatusHelp(string? status) => $"\"status\" must be one of {string.Join(", ", QuestionStatuses.All)}; got \"{status}\".";

    private static IResult BadRequest(string error) => Results.Json(new { error }, statusCode: 400);
}
