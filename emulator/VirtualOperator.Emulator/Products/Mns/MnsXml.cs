using System.Security;
using System.Text;

namespace VirtualOperator.Emulator.Products.Mns;

/// <summary>The MNS response bodies: XML in the <c>http://mns.aliyuncs.com/doc/v1/</c> namespace, every field a text element.</summary>
public static class MnsXml
{
    public const string Namespace = "http://mns.aliyuncs.com/doc/v1/";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    /// <summary>All nine keys of a received message (the Python SDK rejects a message missing any); peeked messages have no
    /// ReceiptHandle and NextVisibleTime (the Python SDK's PeekMessageDecoder asks for the other seven).</summary>
    public static void AppendMessage(StringBuilder sb, DeliveredMessage m, bool peek, bool withNamespace)
    {
        sb.Append(withNamespace ? $"<Message xmlns=\"{Namespace}\">" : "<Message>");
        Element(sb, "MessageId", m.MessageId);
        if (!peek) Element(sb, "ReceiptHandle", m.ReceiptHandle ?? "");
        Element(sb, "MessageBodyMD5", m.MessageBodyMD5);
        Element(sb, "MessageBody", m.MessageBody);
        Element(sb, "EnqueueTime", m.EnqueueTime);
        if (!peek) Element(sb, "NextVisibleTime", m.NextVisibleTime);
        Element(sb, "FirstDequeueTime", m.FirstDequeueTime);
        Element(sb, "DequeueCount", m.DequeueCount);
        Element(sb, "Priority", m.Priority);
        sb.Append("</Message>");
    }

    public static string Message(DeliveredMessage m, bool peek)
    {
        var sb = new StringBuilder(Declaration);
        AppendMessage(sb, m, peek, withNamespace: true);
        return sb.ToString();
    }

    public static string Messages(IEnumerable<DeliveredMessage> ms, bool peek)
    {
        var sb = new StringBuilder(Declaration).Append($"<Messages xmlns=\"{Namespace}\">");
        foreach (var m in ms) AppendMessage(sb, m, peek, withNamespace: false);
        return sb.Append("</Messages>").ToString();
    }

    public static string ChangeVisibility(string receiptHandle, long nextVisibleTime)
    {
        var sb = new StringBuilder(Declaration).Append($"<ChangeVisibility xmlns=\"{Namespace}\">");
        Element(sb, "ReceiptHandle", receiptHandle);
        Element(sb, "NextVisibleTime", nextVisibleTime);
        return sb.Append("</ChangeVisibility>").ToString();
    }

    /// <summary>BatchDeleteMessage's partial failure: one <c>Error</c> per refused handle.</summary>
    public static string BatchDeleteErrors(IEnumerable<(string Handle, string Code, string Message)> errors)
    {
        var sb = new StringBuilder(Declaration).Append($"<Errors xmlns=\"{Namespace}\">");
        foreach (var (handle, code, message) in errors)
        {
            sb.Append("<Error>");
            Element(sb, "ErrorCode", code);
            Element(sb, "ErrorMessage", message);
            Element(sb, "ReceiptHandle", handle);
            sb.Append("</Error>");
        }
        return sb.Append("</Errors>").ToString();
    }

    /// <summary>GetQueueAttributes: the twelve keys the Python SDK's GetQueueAttrDecoder requires. Queue times are epoch seconds.</summary>
    public static string QueueAttributes(string name, long createdSeconds, int active, int inactive)
    {
        var sb = new StringBuilder(Declaration).Append($"<Queue xmlns=\"{Namespace}\">");
        Element(sb, "QueueName", name);
        Element(sb, "CreateTime", createdSeconds);
        Element(sb, "LastModifyTime", createdSeconds);
        Element(sb, "DelaySeconds", 0);
        Element(sb, "MaximumMessageSize", 65536);
        Element(sb, "MessageRetentionPeriod", 345600);
        Element(sb, "VisibilityTimeout", PartnerQueues.VisibilityTimeoutSeconds);
        Element(sb, "PollingWaitSeconds", 0);
        Element(sb, "ActiveMessages", active);
        Element(sb, "InactiveMessages", inactive);
        Element(sb, "DelayMessages", 0);
        Element(sb, "LoggingEnabled", "False");
        return sb.Append("</Queue>").ToString();
    }

    /// <summary>The error body: Code, Message, RequestId and HostId, all four required by the Python SDK's parser.</summary>
    public static string Error(string code, string message, string requestId, string hostId)
    {
        var sb = new StringBuilder(Declaration).Append($"<Error xmlns=\"{Namespace}\">");
        Element(sb, "Code", code);
        Element(sb, "Message", message);
        Element(sb, "RequestId", requestId);
        Element(sb, "HostId", hostId);
        return sb.Append("</Error>").ToString();
    }

    private static void Element(StringBuilder sb, string name, string value) =>
        sb.Append('<').Append(name).Append('>').Append(SecurityElement.Escape(value)).Append("</").Append(name).Append('>');

    private static void Element(StringBuilder sb, string name, long value) =>
        sb.Append('<').Append(name).Append('>').Append(value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("</").Append(name).Append('>');
}
