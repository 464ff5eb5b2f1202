namespace VirtualOperator.Emulator.Protocol.Errors;

/// <summary>
/// Gateway (POP) errors shared by every RPC product, with the codes, messages and statuses of
/// shared/reference/ERRORS.md §2. Product-specific errors live in Products/&lt;Product&gt;/&lt;Product&gt;Errors.cs.
/// </summary>
public static class CommonErrors
{
    public static ApiException SignatureDoesNotMatch(string serverStringToSign) =>
        new("SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation. server string to sign is:" + serverStringToSign, 400)
        { StringToSign = serverStringToSign };

    public static ApiException IncompleteSignature(string? detail = null) =>
        new("IncompleteSignature", "The request signature does not conform to Aliyun standards." + (detail is null ? "" : " " + detail), 400);

    public static ApiException InvalidAccessKeyIdNotFound() =>
        new("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);

    public static ApiException MissingParameter(string name) =>
        new("MissingParameter", $"The input parameter \"{name}\" that is mandatory for processing this request is not supplied.", 400);

    public static ApiException InvalidParameter(string name, string? why = null) =>
        new("InvalidParameter", $"The specified parameter \"{name}\" is not valid." + (why is null ? "" : " " + why), 400);

    public static ApiException InvalidTimeStampExpired() =>
        new("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.", 400);

    public static ApiException InvalidTimeStampFormat() =>
        new("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.", 400);

    public static ApiException SignatureNonceUsed() =>
        new("SignatureNonceUsed", "Specified signature nonce was used already.", 400);

    public static ApiException InvalidSignatureMethod(string detail) =>
        new("InvalidSignatureMethod", detail, 400);

    public static ApiException ContentSha256NotMatched() =>
        new("ContentSHA256NotMatched", "The x-acs-content-sha256 header does not match the SHA-256 of the request body.", 400);

    public static ApiException InvalidActionNotFound() =>
        new("InvalidAction.NotFound", "Specified api is not found, please check your url and method.", 404);

    public static ApiException InvalidVersion() =>
        new("InvalidVersion", "Specified parameter Version is not valid.", 400);

    public static ApiException UnsupportedHttpMethod() =>
        new("UnsupportedHTTPMethod", "This http method is not supported.", 403);

    public static ApiException MissingSecurityToken() =>
        new("MissingSecurityToken", "The SecurityToken is mandatory for an STS AccessKeyId.", 400);

    public static ApiException InvalidSecurityTokenExpired() =>
        new("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.", 400);

    public static ApiException InvalidSecurityTokenMalformed() =>
        new("InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.", 400);

    public static ApiException InvalidSecurityTokenMismatch() =>
        new("InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.", 400);

    public static ApiException InternalError() =>
        new("InternalError", "The request processing has failed due to some unknown error, exception or failure.", 500);

    /// <summary>Emulator-specific: an action the catalog knows but no handler implements yet.</summary>
    public static ApiException NotImplemented(string product, string version, string action) =>
        new("NotImplemented",
            $"VirtualOperator.Emulator does not implement {product} {version} {action} yet. " +
            "See the fidelity table in the README; nothing was changed.", 501);

    /// <summary>Emulator-specific (inferred): the partner's test account is past its one-month validity.</summary>
    public static ApiException TestAccountExpired(string partnerUid, DateTimeOffset expiredAt) =>
        new("Forbidden.TestAccountExpired",
            $"The test account {partnerUid} expired at {Clock.IsoSeconds.Format(expiredAt.UtcDateTime)}; a test account is valid for one month from its creation.", 403);

    /// <summary>[I] a request body over the emulator's limit; no public source names the gateway's code for it.</summary>
    public static ApiException RequestTooLarge(int maxBytes) =>
        new("RequestEntityTooLarge", $"The request body is larger than {maxBytes} bytes.", 413);
}
