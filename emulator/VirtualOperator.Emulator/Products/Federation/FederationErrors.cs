using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Federation;

/// <summary>
/// Errors of the sign-in service. ERRORS.md: its error table was not found, so every code here is [I];
/// bad or expired STS credentials reuse the gateway's STS codes (<see cref="CommonErrors"/>).
/// </summary>
public static class FederationErrors
{
    /// <summary>[I] the permanent AccessKey of a partner cannot sign in to a console logon-free; only STS credentials can.</summary>
    public static ApiException NotStsCredentials() =>
        new("InvalidParameter.AccessKeyId", "The specified parameter \"AccessKeyId\" is not valid: logon-free sign-in takes STS credentials from AssumeRole.", 400);

    /// <summary>[I] no source names the code for a secret that does not belong to the AccessKeyId.</summary>
    public static ApiException SecretMismatch() =>
        new("InvalidAccessKeySecret", "The specified AccessKeySecret does not match the AccessKeyId.", 400);

    /// <summary>[I] TicketType is "mini" (service suite) or "normal" (full console).</summary>
    public static ApiException InvalidTicketType(string value) =>
        new("InvalidParameter.TicketType", $"The specified parameter \"TicketType\" is not valid: \"{value}\"; use mini or normal.", 400);

    /// <summary>[I] Destination and LoginUrl must be absolute http(s) URLs.</summary>
    public static ApiException InvalidUrl(string name) =>
        new($"InvalidParameter.{name}", $"The specified parameter \"{name}\" is not valid: it must be an absolute http or https URL.", 400);
}
