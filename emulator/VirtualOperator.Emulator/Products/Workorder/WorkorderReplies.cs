using VirtualOperator.Emulator.Api.Workorder;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.Workorder;

/// <summary>
/// The 2016-08-30 envelopes are lower case (<c>code</c>, <c>message</c>, <c>success</c>, <c>data</c>; dd/143228), and its
/// errors come back in them: <c>-101 ILLEGAL_PARAM</c>, <c>-121 ILLEGAL_AUTH</c> with <c>success:false</c> and HTTP 200 [I:
/// the doc lists the codes, not where they travel]. pop-core only throws on an upper-case <c>Code</c>, so a client sees them
/// as data, as it would from the real service. Every answer also carries the gateway's <c>RequestId</c> [I: the doc examples
/// show the body without it; the POP gateway adds it to every answer].
/// A refusal carries no <c>data</c> (docs/tickets.md shows it without; it used to be sent as <c>"data":null</c>, which no
/// test or SDK reads: pop-core hands the body over as parsed JSON and no SDK models 2016-08-30). Each action has its own
/// generated answer type, so each has its pair of builders here.
/// </summary>
public static class WorkorderReplies
{
    private const string OkCode = "200";
    private const string Successful = "successful";

    /// <summary>A refusal's lower-case <c>code</c> and <c>message</c>, written into the answer of the action that refuses.</summary>
    public readonly record struct Refusal(string Code, string Message)
    {
        public static Refusal IllegalParam(string param) => new("-101", $"illegal parameter, param is {param}");

        public static Refusal IllegalAuth { get; } = new("-121", "illegal auth");
    }

    public static AddResponse Added(ActionContext ctx, string ticketId) =>
        new() { RequestId = ctx.RequestId, Message = Successful, Data = ticketId, Code = OkCode, Success = true };

    public static AddResponse Added(ActionContext ctx, Refusal r) =>
        new() { RequestId = ctx.RequestId, Message = r.Message, Code = r.Code, Success = false };

    public static QuestionListResponse Listed(ActionContext ctx, IReadOnlyList<QuestionListResponse.DataModel> page) =>
        new() { RequestId = ctx.RequestId, Message = Successful, Data = page, Code = OkCode, Success = true };

    public static QuestionListResponse Listed(ActionContext ctx, Refusal r) =>
        new() { RequestId = ctx.RequestId, Message = r.Message, Code = r.Code, Success = false };

    /// <summary>
    /// QuestionListNote answers the doc example's PascalCase shape (dd/143230), which has no envelope; its refusal is the
    /// envelope of the other actions [I], so those fields go through <c>NotInCatalog</c>.
    /// </summary>
    public static QuestionListNoteResponse Notes(ActionContext ctx, Refusal r) => new()
    {
        RequestId = ctx.RequestId,
        NotInCatalog = new Dictionary<string, object?> { ["message"] = r.Message, ["code"] = r.Code, ["success"] = false },
    };

    public static QuestionReplyResponse Replied(ActionContext ctx, string ticketId) =>
        new() { RequestId = ctx.RequestId, Message = Successful, Data = ticketId, Code = OkCode, Success = true };

    public static QuestionReplyResponse Replied(ActionContext ctx, Refusal r) =>
        new() { RequestId = ctx.RequestId, Message = r.Message, Code = r.Code, Success = false };

    public static GetAttachTempURLResponse Url(ActionContext ctx, string url) =>
        new() { RequestId = ctx.RequestId, Message = Successful, Data = url, Code = OkCode, Success = true };

    public static GetAttachTempURLResponse Url(ActionContext ctx, Refusal r) =>
        new() { RequestId = ctx.RequestId, Message = r.Message, Code = r.Code, Success = false };
}
