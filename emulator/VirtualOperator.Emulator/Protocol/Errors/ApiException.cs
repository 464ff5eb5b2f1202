namespace VirtualOperator.Emulator.Protocol.Errors;

/// <summary>
/// The one exception every handler throws for a client-visible error. The pipeline renders it once,
/// in the real envelope (RequestId, HostId, Code, Message, Recommend), with <see cref="HttpStatus"/>.
/// </summary>
public sealed class ApiException(string code, string message, int httpStatus = 400) : Exception(message)
{
    public string Code { get; } = code;
    public int HttpStatus { get; } = httpStatus;

    /// <summary>Set by the fault injector so the journal can mark the failure as injected.</summary>
    public bool Injected { get; init; }

    /// <summary>The server's string-to-sign, kept for the journal when a signature check failed.</summary>
    public string? StringToSign { get; init; }
}
