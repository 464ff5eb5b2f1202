namespace VirtualOperator.ContractTests.Client;

/// <summary>
/// The error envelope every product answers with (HTTP 4xx/5xx: <c>RequestId</c>, <c>HostId</c>, <c>Code</c>,
/// <c>Message</c>, <c>Recommend</c>), as a typed exception. <see cref="Exception.Message"/> is the server's
/// <c>Message</c> verbatim; <see cref="Body"/> keeps the raw text for diagnostics.
/// </summary>
public sealed class AcsApiException(string code, string message, int httpStatus, string? requestId, string? hostId, string? recommend, string body)
    : Exception(message)
{
    public string Code { get; } = code;
    public int HttpStatus { get; } = httpStatus;
    public string? RequestId { get; } = requestId;
    public string? HostId { get; } = hostId;
    public string? Recommend { get; } = recommend;
    public string Body { get; } = body;

    public override string ToString() => $"{nameof(AcsApiException)}: {Code} (HTTP {HttpStatus}): {Message} [RequestId {RequestId}]";
}
