using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.Workorder;

/// <summary>
/// Workorder 2016-08-30: a partner files and follows its customers' support tickets (shared/reference/AFTER-SALES.md §1).
/// Action and parameter names match case-insensitively (pop-core sends <c>Action=Add</c>, <c>AliUid</c>). Support's side of
/// the conversation is the control plane's (<see cref="TicketControlPlane"/>). A customer's STS credentials see only that
/// customer's tickets.
/// </summary>
internal static class WorkorderActions
{
    public const string Product = "Workorder";
    public const string Version = "2016-08-30";
    private const int MaxAttachments = 3;

    /// <summary>dd/143228: <c>data</c> is the new ticket id.</summary>
    [Action(Product, Version, "add")]
    public static object add(ActionContext ctx)
    {
        var (customer, verdict) = ctx.Get<CustomerScope>().Judge(ctx, ctx.Params.String("aliUid"));
        if (verdict is ScopeVerdict.NoneNamed) return WorkorderReplies.IllegalParam(ctx.RequestId, "aliUid");
        if (verdict is not ScopeVerdict.Mine || customer is null) return WorkorderReplies.IllegalAuth(ctx.RequestId);
        var productId = ctx.Params.Long("productId");
        var commonQuestion = ctx.Params.Long("customerCommonQuestionId");
        if (productId is null && commonQuestion is null) return WorkorderReplies.IllegalParam(ctx.RequestId, "productId");
        var sms = ctx.Params.String("smsAlertTime");
        if (sms is not (null or "all" or "normal")) return WorkorderReplies.IllegalParam(ctx.RequestId, "smsAlertTime");
        if (Attachments(ctx, "attachments") is not { } files) return WorkorderReplies.IllegalParam(ctx.RequestId, "attachments");

        var content = ctx.Params.RequiredString("content");
        var now = ctx.Now.ToUnixTimeMilliseconds();
        var ticket = new Ticket
        {
            Id = TicketStore.NewId(), PartnerUid = ctx.PartnerUid, CustomerUid = customer, ProductId = productId,
            CustomerCommonQuestionId = commonQuestion,
            Title = ctx.Params.String("title") ?? (content.Length > 30 ? content[..30] : content),
            Phone = ctx.Params.String("phone"), Email = ctx.Params.String("email"), SmsAlertTime = sms,
            GmtCreated = now, GmtModified = now,
        };
        AddNotes(ticket, content, ctx.Params.String("secContent"), files, fromOfficial: false, now);
        ctx.Get<TicketStore>().Insert(ticket);
        return WorkorderReplies.Ok(ctx.RequestId, ticket.Id);
    }

    /// <summary>dd/143231 (partial): <c>data</c> is the page of tickets, newest first [I: the order and the item fields past <c>questionStatus</c>].</summary>
    [Action(Product, Version, "QuestionList")]
    public static object QuestionList(ActionContext ctx)
    {
        var ids = List(ctx, "ids");
        var products = List(ctx, "productIds");
        var statuses = List(ctx, "questionStatus");
        if (ids.Count > 200) return WorkorderReplies.IllegalParam(ctx.RequestId, "ids");
        if (products.Count > 100 || products.Any(p => !long.TryParse(p, out _))) return WorkorderReplies.IllegalParam(ctx.RequestId, "productIds");
        var pageSize = ctx.Params.Int("pageSize") ?? 20;
        if (pageSize is < 20 or > 100) return WorkorderReplies.IllegalParam(ctx.RequestId, "pageSize");
        var pageStart = ctx.Params.Int("pageStart") ?? 1;
        if (pageStart < 1) return WorkorderReplies.IllegalParam(ctx.RequestId, "pageStart");
        var from = ctx.Params.Long("addStartTime");
        var to = ctx.Params.Long("addEndTime");

        var page = ctx.Get<TicketStore>().ListFor(ctx.PartnerUid)
            .Where(t => ctx.CustomerUid is not { Length: > 0 } c || t.CustomerUid == c)
            .Where(t => ids.Count == 0 || ids.Contains(t.Id))
            .Where(t => products.Count == 0 || (t.ProductId is { } p && products.Contains(p.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Where(t => statuses.Count == 0 || statuses.Contains(t.Status))
            .Where(t => (from is null || t.GmtCreated >= from) && (to is null || t.GmtCreated <= to))
            .Skip((pageStart - 1) * pageSize).Take(pageSize)
            .Select(t => new
            {
                id = t.Id, productId = t.ProductId, title = t.Title, uid = long.Parse(t.CustomerUid, System.Globalization.CultureInfo.InvariantCulture),
                questionStatus = t.Status, gmtCreated = t.GmtCreated,
            }).ToList();
        return WorkorderReplies.Ok(ctx.RequestId, page);
    }

    /// <summary>The conversation, in the shape of dd/143230's example (which differs from its table; AFTER-SALES.md §1).</summary>
    [Action(Product, Version, "QuestionListNote")]
    public static object QuestionListNote(ActionContext ctx)
    {
        if (Find(ctx, ctx.Params.RequiredString("QuestionId")) is not { } t) return WorkorderReplies.IllegalParam(ctx.RequestId, "questionId");
        return new
        {
            RequestId = ctx.RequestId,
            Count = t.Notes.Count,
            ListResult = new
            {
                NoteInfo = t.Notes.Select(n => new
                {
                    attachIds = new { attachId = n.AttachIds },
                    FromOfficial = n.FromOfficial, Content = n.Content, NoteType = n.NoteType, GmtCreated = n.GmtCreated,
                }).ToList(),
            },
        };
    }

    /// <summary>[I] no doc page: the envelope of <c>add</c>, <c>data</c> = the ticket id. The ticket goes to <c>feedback</c>; a confirmed (closed) ticket takes no reply.</summary>
    [Action(Product, Version, "QuestionReply")]
    public static object QuestionReply(ActionContext ctx)
    {
        var id = ctx.Params.RequiredString("QuestionId");
        var content = ctx.Params.String("QuestionContent");
        var secret = ctx.Params.String("QuestionSecContent");
        if (content is null && secret is null) return WorkorderReplies.IllegalParam(ctx.RequestId, "questionContent");
        if (Attachments(ctx, "attachments") is not { } files) return WorkorderReplies.IllegalParam(ctx.RequestId, "attachments");
        if (Find(ctx, id) is not { Status: not QuestionStatuses.Confirmed }) return WorkorderReplies.IllegalParam(ctx.RequestId, "questionId");
        var now = ctx.Now.ToUnixTimeMilliseconds();
        var updated = ctx.Get<TicketStore>().Update(ctx.PartnerUid, id, t =>
        {
            AddNotes(t, content, secret, files, fromOfficial: false, now);
            t.Status = QuestionStatuses.Feedback;
            t.GmtModified = now;
        });
        return updated is null ? WorkorderReplies.IllegalParam(ctx.RequestId, "questionId") : WorkorderReplies.Ok(ctx.RequestId, updated.Id);
    }

    /// <summary>dd/143232: a browser-upload grant; note <c>success</c> is a string and <c>code</c> a number here.</summary>
    [Action(Product, Version, "getOSSTempAuthor")]
    public static object getOSSTempAuthor(ActionContext ctx)
    {
        var g = ctx.Get<TicketUploads>().Grant(ctx.PartnerUid);
        var http = ctx.Get<IHttpContextAccessor>().HttpContext!;
        return new
        {
            data = new
            {
                accessId = g.AccessId, expire = g.Expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                host = AttachmentRoutes.PublicBase(http) + AttachmentRoutes.Prefix, policy = g.Policy, dir = g.Dir, signature = g.Signature,
            },
            RequestId = ctx.RequestId, success = "true", message = "successful", code = 200,
        };
    }

    /// <summary>dd/143233: <c>data</c> is a download URL valid for 2 minutes, one attachment per call.</summary>
    [Action(Product, Version, "getAttachTempURL")]
    public static object getAttachTempURL(ActionContext ctx)
    {
        var attachId = ctx.Params.RequiredString("attachId");
        var dash = attachId.LastIndexOf('-');
        var ticket = dash > 0 ? Find(ctx, attachId[..dash]) : null;
        if (ticket?.Attachments.FirstOrDefault(a => a.Id == attachId) is not { } a) return WorkorderReplies.IllegalParam(ctx.RequestId, "attachId");
        var http = ctx.Get<IHttpContextAccessor>().HttpContext!;
        return WorkorderReplies.Ok(ctx.RequestId, AttachmentRoutes.PublicBase(http) + ctx.Get<TicketUploads>().SignedPath(ctx.PartnerUid, a.ObjectKey));
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
    private static IReadOnlyList<string>? Attachments(ActionContext ctx, string name)
    {
        var keys = List(ctx, name);
        if (keys.Count > MaxAttachments) return null;
        var uploads = ctx.Get<TicketUploads>();
        return keys.All(k => uploads.Exists(ctx.PartnerUid, k)) ? keys : null;
    }

    private static List<string> List(ActionContext ctx, string name) =>
        (ctx.Params.String(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
