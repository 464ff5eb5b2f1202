namespace VirtualOperator.Emulator.Products.Workorder;

/// <summary>
/// A support ticket (Workorder 2016-08-30) of one of the partner's customers. Collection <c>tickets</c>: id = ticket id;
/// index PartnerUid. Times are the partner's virtual time in epoch milliseconds, as the API reports them.
/// </summary>
public sealed class Ticket
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    /// <summary>The customer the ticket is for (<c>aliUid</c>).</summary>
    public string CustomerUid { get; set; } = "";
    /// <summary>Stored as given: no public list defines the product ids [I].</summary>
    public long? ProductId { get; set; }
    public long? CustomerCommonQuestionId { get; set; }
    public string Title { get; set; } = "";
    public string Status { get; set; } = QuestionStatuses.Assigned;
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? SmsAlertTime { get; set; }
    public long GmtCreated { get; set; }
    public long GmtModified { get; set; }
    public List<TicketNote> Notes { get; set; } = [];
    /// <summary>Every file attached to the ticket, numbered in order: attachment ids are <c>{ticketId}-{n}</c> (dd/143233's <c>CT***HT-0</c>).</summary>
    public List<TicketAttachment> Attachments { get; set; } = [];
}

/// <summary>One message of the conversation (QuestionListNote's NoteInfo).</summary>
public sealed class TicketNote
{
    public string Content { get; set; } = "";
    /// <summary><c>chat</c>, or <c>sec_chat</c> for confidential content (dd/143230).</summary>
    public string NoteType { get; set; } = "chat";
    public bool FromOfficial { get; set; }
    public long GmtCreated { get; set; }
    public List<string> AttachIds { get; set; } = [];
}

public sealed class TicketAttachment
{
    public string Id { get; set; } = "";
    /// <summary>The uploaded object's key (under the grant's <c>dir</c>).</summary>
    public string ObjectKey { get; set; } = "";
}

/// <summary>The <c>questionStatus</c> values seen in dd/143231 (the list there was cut off after <c>confirmed</c>).</summary>
public static class QuestionStatuses
{
    public const string Assigned = "assigned";
    public const string Dealing = "dealing";
    public const string WaitFeedback = "wait_feedback";
    public const string Feedback = "feedback";
    public const string WaitConfirm = "wait_confirm";
    public const string Confirmed = "confirmed";

    public static readonly string[] All = [Assigned, Dealing, WaitFeedback, Feedback, WaitConfirm, Confirmed];
}
