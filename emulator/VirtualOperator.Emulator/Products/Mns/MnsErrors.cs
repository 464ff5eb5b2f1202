using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Mns;

/// <summary>MNS error codes and statuses (shared/reference/AFTER-SALES.md §3: dd/27501, the Go SDK's errMapping).</summary>
public static class MnsErrors
{
    public static ApiException MessageNotExist() => new("MessageNotExist", "Message not exist.", 404);
    public static ApiException QueueNotExist() => new("QueueNotExist", "The queue name you provided is not exist.", 404);
    public static ApiException ReceiptHandleError() => new("ReceiptHandleError", "The receipt handle you provide is not valid.", 400);
    public static ApiException MissingReceiptHandle() => new("MissingReceiptHandle", "The receipt handle should be supplied.", 400);
    public static ApiException MissingVisibilityTimeout() => new("MissingVisibilityTimeout", "The VisibilityTimeout should be supplied.", 400);

    public static ApiException InvalidArgument(string element, int low, int high, string unit = "seconds") =>
        new("InvalidArgument", $"The value of {element} should between {low} and {high} {unit}.", 400);

    public static ApiException MalformedXml(string why) => new("MalformedXML", "The XML you provided was not well-formed. " + why, 400);
    public static ApiException InvalidDigest() => new("InvalidDegist", "The Content-MD5 you specified is not valid.", 400);
    public static ApiException MissingDateHeader() => new("MissingDateHeader", "The Date header should be supplied.", 400);
    public static ApiException InvalidDateHeader() => new("InvalidDateHeader", "The Date header is not of the RFC 1123 form.", 400);
    public static ApiException MissingVersionHeader() => new("MissingVersionHeader", "The x-mns-version header should be supplied.", 400);
    public static ApiException MissingAuthorizationHeader() => new("MissingAuthorizationHeader", "The Authorization header should be supplied.", 400);

    public static ApiException InvalidAuthorizationHeader() =>
        new("InvalidAuthorizationHeader", "The Authorization header is not of the form \"MNS AccessKeyId:Signature\".", 400);

    /// <summary>408, as the error-code table gives it (the signing doc says 400) [I].</summary>
    public static ApiException TimeExpired() => new("TimeExpired", "The http request you sent is expired.", 408);

    public static ApiException InvalidAccessKeyId() => new("InvalidAccessKeyId", "The access Id you provided is not exist.", 403);

    public static ApiException SignatureDoesNotMatch(string stringToSign) =>
        new("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. " +
            "server string to sign is:" + stringToSign.Replace("\n", "\\n"), 403) { StringToSign = stringToSign };

    public static ApiException AccessDenied(string why) => new("AccessDenied", "The OwnerId that your Access Key Id associated to is forbidden for this operation. " + why, 403);

    public static ApiException InvalidRequestUrl() => new("InvalidRequestURL", "The request url is invalid.", 400);

    public static ApiException NotImplemented(string operation) =>
        new("NotImplemented", $"VirtualOperator.Emulator does not implement MNS 2015-06-06 {operation}: a partner's queue is created " +
            "and filled by the emulator (see docs/events.md).", 501);
}
