using VirtualOperator.Emulator.Protocol.Parsing;
using System.Globalization;
using VirtualOperator.Emulator.Api.Workorder;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;
using Refusal = VirtualOperator.Emulator.Products.Workorder.WorkorderReplies.Refusal;

namespace VirtualOperator.Emulator.Products.Workorder;

/// <summary>
/// Workorder 2016-08-30: a partner files and follows its customers' support tickets (shared/reference/AFTER-SALES.md §1).
/// Action and parameter names match case-insensitively (pop-core sends <c>Action=Add</c>, <c>AliUid</c>). Support's side of
/// the conversation is the control plane's (<see cref="TicketControlPlane"/>). A customer's STS credentials see only that
/// customer's tickets. Answers and refusals are built by <see cref="WorkorderReplies"/>; the generated requests read the
/// same case-insensitive parameters.
/// </summary>
internal static class WorkorderActions
{
    public const string Product = "Workorder";
    public const string Version = "2016-08-30";
    private const int MaxAttachments = 3;

    /// <summary>dd/143228: <c>data</c> is the new ticket id.</summary>
    [Action(Product, Version, "add")]
    public static AddResponse add(ActionContext ctx)
    {
        var req = AddRequest.Of(ctx);
        var (customer, verdict) = ctx.Get<CustomerScope>().Judge(ctx, req.AliUid?.ToString(CultureInfo.InvariantCulture));
        if (verdict is ScopeVerdict.NoneNamed) return WorkorderReplies.Added(ctx, Refusal.IllegalParam("aliUid"));
        if (verdict is not ScopeVerdict.Mine || customer is null) return WorkorderReplies.Added(ctx, Refusal.IllegalAuth);
        var productId = req.ProductId;
        var commonQuestion = req.CustomerCommonQuestionId;
        if (productId is null && commonQuestion is null) return WorkorderReplies.Added(ctx, Refusal.IllegalParam("productId"));
        var sms = req.SmsAlertTime;
        if (sms is not (null or "all" or "normal")) return WorkorderReplies.Added(ctx, Refusal.IllegalParam("smsAlertTime"));
        if (Attachments(ctx, req.Attachments) is not { } files) return WorkorderReplies.Added(ctx, Refusal.IllegalParam("attachments"));

        var content = req.Content;
        var now = ctx.Now.ToUnixTimeMilliseconds();
        var ticket = new Ticket
        {
            Id = TicketStore.NewId(), PartnerUid = ctx.PartnerUid, CustomerUid = customer, ProductId = productId,
            CustomerCommonQuestionId = commonQuestion,
            Title = req.Title ?? (content.Length > 30 ? content[..30] : content),
            Phone = req.Phone, Email = req.Email, SmsAlertTime = sms,
            GmtCreated = now, GmtModified = now,
        };
        AddNotes(ticket, content, req.SecContent, files, fromOfficial: false, now);
        ctx.Get<TicketStore>().Insert(ticket);
        return WorkorderReplies.Added(ctx, ticket.Id);
    }

    /// <summary>dd/143231 (partial): <c>data</c> is the page of tickets, newest first [I: the order and the item fields past <c>questionStatus</c>].</summary>
    [Action(Product, Version, "QuestionList")]
    public static QuestionListResponse QuestionList(ActionContext ctx)
    {
        var req = QuestionListRequest.Of(ctx);
        var ids = List(req.Ids);
        var products = List(req.ProductIds);
        var statuses = List(req.QuestionStatus);
        if (ids.Count > 200) return WorkorderReplies.Listed(ctx, Refusal.IllegalParam("ids"));
        if (products.Count > 100 || products.Any(p => !long.TryParse(p, out _))) return WorkorderReplies.Listed(ctx, Refusal.IllegalParam("productIds"));
        var pageSize = req.PageSize ?? 20;
        if (pageSize is < 20 or > 100) return WorkorderReplies.Listed(ctx, Refusal.IllegalParam("pageSize"));
        var pageStart = req.PageStart ?? 1;
        if (pageStart < 1) return WorkorderReplies.Listed(ctx, Refusal.IllegalParam("pageStart"));
        var from = req.AddStartTime;
        var to = req.AddEndTime;

        var page = ctx.Get<TicketStore>().ListFor(ctx.PartnerUid)
            .Where(t => ctx.CustomerUid is not { Length: > 0 } c || t.CustomerUid == c)
            .Where(t => ids.Count == 0 || ids.Contains(t.Id))
            .Where(t => products.Count == 0 || (t.ProductId is { } p && products.Contains(p.ToString(CultureInfo.InvariantCulture))))
            .Where(t => statuses.Count == 0 || statuses.Contains(t.Status))
            .Where(t => (from is null || t.GmtCreated >= from) && (to is null || t.GmtCreated <= to))
            .OnPage(pageStart, pageSize)
            .Select(t => new QuestionListResponse.DataModel
            {
                Id = t.Id, ProductId = t.ProductId, Title = t.Title, Uid = long.Parse(t.CustomerUid, CultureInfo.InvariantCulture),
                QuestionStatus = t.Status, GmtCreated = t.GmtCreated,
            }).ToList();
        return WorkorderReplies.Listed(ctx, page);
    }

    /// <summary>The conversation, in the shape of dd/143230's example (which differs from its table; AFTER-SALES.md §1).</summary>
    [Action(Product, Version, "QuestionListNote")]
    public static QuestionListNoteResponse QuestionListNote(ActionContext ctx)
    {
        if (Find(ctx, QuestionListNoteRequest.Of(ctx).QuestionId) is not { } t) return WorkorderReplies.Notes(ctx, Refusal.IllegalParam("questionId"));
        return new QuestionListNoteResponse
        {
            RequestId = ctx.RequestId,
            Count = t.Notes.Count,
            ListResult = new()
            {
                NoteInfo = t.Notes.Select(n => new QuestionListNoteResponse.ListResultModel.NoteInfoModel
                {
                    AttachIds = new() { AttachId = n.AttachIds },
                    FromOfficial = n.FromOfficial, Content = n.Content, NoteType = n.NoteType, GmtCreated = n.GmtCreated,
                }).ToList(),
            },
        };
    }

    /// <summary>[I] no doc page: the envelope of <c>add</c>, <c>data</c> = the ticket id. The ticket goes to <c>feedback</c>; a confirmed (closed) ticket takes no reply.</summary>
    [Action(Product, Version, "QuestionReply")]
    public static QuestionReplyResponse QuestionReply(ActionContext ctx)
    {
        var req = QuestionReplyRequest.Of(ctx);
        var id = req.QuestionId;
        var content = req.QuestionContent;
        var secret = req.QuestionSecContent;
        if (content is null && secret is null) return WorkorderReplies.Replied(ctx, Refusal.IllegalParam("questionContent"));
        if (Attachments(ctx, req.Attachments) is not { } files) return WorkorderReplies.Replied(ctx, Refusal.IllegalParam("attachments"));
        if (Find(ctx, id) is not { Status: not QuestionStatuses.Confirmed }) return WorkorderReplies.Replied(ctx, Refusal.IllegalParam("questionId"));
        var now = ctx.Now.ToUnixTimeMilliseconds();
        var updated = ctx.Get<TicketStore>().Update(ctx.PartnerUid, id, t =>
        {
            AddNotes(t, content, secret, files, fromOfficial: false, now);
            t.Status = QuestionStatuses.Feedback;
            t.GmtModified = now;
        });
        return updated is null ? WorkorderReplies.Replied(ctx, Refusal.IllegalParam("questionId")) : WorkorderReplies.Replied(ctx, updated.Id);
    }

    /// <summary>dd/143232: a browser-upload grant; note <c>success</c> is a string and <c>code</c> a number here.</summary>
    [Action(Product, Version, "getOSSTempAuthor")]
    public static GetOSSTempAuthorResponse getOSSTempAuthor(ActionContext ctx)
    {
        var g = ctx.Get<TicketUploads>().Grant(ctx.PartnerUid);
        var http = ctx.Get<IHttpContextAccessor>().HttpContext!;
        return new GetOSSTempAuthorResponse
        {
            Data = new()
            {
                AccessId = g.AccessId, Expire = g.Expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                Host = AttachmentRoutes.PublicBase(http) + AttachmentRoutes.Prefix, Policy = g.Policy, Dir = g.Dir, Signature = g.Signature,
            },
            RequestId = ctx.RequestId, Success = "true", Message = "successful", Code = 200,
        };
    }

    /// <summary>dd/143233: <c>data</c> is a download URL valid for 2 minutes, one attachment per call.</summary>
    [Action(Product, Version, "getAttachTempURL")]
    public static GetAttachTempURLResponse getAttachTempURL(ActionContext ctx)
    {
        var attachId = GetAttachTempURLRequest.Of(ctx).AttachId;
        var dash = attachId.LastIndexOf('-');
        var ticket = dash > 0 ? Find(ctx, attachId[..dash]) : null;
        if (ticket?.Attachments.FirstOrDefault(a => a.Id == attachId) is not { } a) return WorkorderReplies.Url(ctx, Refusal.IllegalParam("attachId"));
        var http = ctx.Get<IHttpContextAccessor>().HttpContext!;
        return WorkorderReplies.Url(ctx, AttachmentRoutes.PublicBase(http) + ctx.Get<TicketUploads>().SignedPath(ctx.PartnerUid, a.ObjectKey));
    }

    /// <summary>Adds a note (and a confidential one) with the files attached under new attachment ids.</summary>
    internal static void AddNotes(Ticket t, string? content, string? secret, IReadOnlyList<string> files, bool fromOfficial, long now)
    {
        var ids = files.Select(key =>
        {
            var a = new TicketAttachment { Id = $"{t.Id}-{t.Attachments.Count}", ObjectKey = key };
            t.Attachments.Add(a);
            return a.Id;
        }).ToList();
        if (content is not null || secret is null)
            t.Notes.Add(new TicketNote { Content = content ?? "", NoteType = "chat", FromOfficial = fromOfficial, GmtCreated = now, AttachIds = ids });
        if (secret is not null)
            t.Notes.Add(new TicketNote { Content = secret, NoteType = "sec_chat", FromOfficial = fromOfficial, GmtCreated = now, AttachIds = content is null ? ids : [] });
    }

    private static Ticket? Find(ActionContext ctx, string id) =>
        ctx.Get<TicketStore>().Get(ctx.PartnerUid, id) is { } t && (ctx.CustomerUid is not { Length: > 0 } c || t.CustomerUid == c) ? t : null;

    /// <summary>The uploaded objects named in a comma-separated list (at most 3, each uploaded by this partner); null when one is not.</summary>
    private static IReadOnlyList<string>? Attachments(ActionContext ctx, string? list)
    {
        var keys = List(list);
        if (keys.Count > MaxAttachments) return null;
        var uploads = ctx.Get<TicketUploads>();
        return keys.All(k => uploads.Exists(ctx.PartnerUid, k)) ? keys : null;
    }

    private static List<string> List(string? commaSeparated) =>
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
