using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Protocol.Errors;
using VirtualOperator.Emulator.Protocol.Pipeline;

namespace VirtualOperator.Emulator.Protocol.Signing;

/// <summary>
/// Verifies a signed RPC request (V1 or V3) and answers who is calling. Timestamps and nonces are
/// checked against the wall clock; STS expiry against the partner's virtual clock.
/// The recipes are shared/reference/SIGNATURES.md §1 and §2 ("server-side verification").
/// </summary>
public sealed class SignatureVerifier(
    IEnumerable<ICredentialSource> sources, NonceCache nonces, WallClock wall, VirtualClock clock,
    IOptions<EmulatorOptions> options, ILogger<SignatureVerifier> log)
{
    private readonly ICredentialSource[] _sources = sources.ToArray();
    private readonly TimeSpan _skew = TimeSpan.FromMinutes(options.Value.Signature.AllowedSkewMinutes);

    public ResolvedCredential Verify(RpcRequest req) => req.Scheme switch
    {
        SignatureScheme.V3 => VerifyV3(req),
        SignatureScheme.V1 => VerifyV1(req),
        _ => throw CommonErrors.MissingParameter("AccessKeyId"),
    };

    public ResolvedCredential? Resolve(string accessKeyId)
    {
        foreach (var s in _sources)
            if (s.Find(accessKeyId) is { } c) return c;
        return null;
    }

    private ResolvedCredential VerifyV1(RpcRequest req)
    {
        var accessKeyId = req.Param("AccessKeyId") ?? throw CommonErrors.MissingParameter("AccessKeyId");
        var signature = req.Param("Signature") ?? throw CommonErrors.MissingParameter("Signature");
        var method = req.Param("SignatureMethod") ?? throw CommonErrors.MissingParameter("SignatureMethod");
        if (!RpcSignatureV1.IsSupportedMethod(method))
            throw CommonErrors.InvalidSignatureMethod($"Specified signature method \"{method}\" is not supported; use HMAC-SHA1 or HMAC-SHA256.");
        var version = req.Param("SignatureVersion") ?? throw CommonErrors.MissingParameter("SignatureVersion");
        if (version != "1.0")
            throw CommonErrors.InvalidSignatureMethod($"Specified signature version \"{version}\" is not supported; use 1.0.");

        var credential = Resolve(accessKeyId) ?? throw CommonErrors.InvalidAccessKeyIdNotFound();
        var stringToSign = RpcSignatureV1.StringToSign(req.Method, req.AllParameters);
        var expected = RpcSignatureV1.Sign(stringToSign, credential.Secret, method);
        if (!FixedTimeEquals(expected, signature))
        {
            log.LogDebug("V1 signature mismatch for {AccessKeyId}; server string to sign: {StringToSign}", accessKeyId, stringToSign);
            throw CommonErrors.SignatureDoesNotMatch(stringToSign);
        }
        var timestamp = req.Param("Timestamp") ?? throw CommonErrors.MissingParameter("Timestamp");
        var nonce = req.Param("SignatureNonce") ?? throw CommonErrors.MissingParameter("SignatureNonce");
        CheckFreshness(credential.AccessKeyId, timestamp, nonce);
        CheckSts(credential, req.Param("SecurityToken"));
        return credential;
    }

    private ResolvedCredential VerifyV3(RpcRequest req)
    {
        var auth = Acs3Signature.ParseAuthorization(req.Header("Authorization")!)
            ?? throw CommonErrors.IncompleteSignature("The Authorization header is not of the form \"ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..\".");
        if (auth.Algorithm != Acs3Signature.Algorithm)
            throw CommonErrors.InvalidSignatureMethod($"Specified signature algorithm \"{auth.Algorithm}\" is not supported; use {Acs3Signature.Algorithm}.");
        var signed = new List<string>(auth.SignedHeaders.Count);
        foreach (var h in auth.SignedHeaders) signed.Add(h.ToLowerInvariant());
        foreach (var h in Acs3Signature.MandatorySignedHeaders)
            if (!signed.Contains(h) || req.Header(h) is null)
                throw CommonErrors.IncompleteSignature($"The header \"{h}\" must be sent and signed.");

        var credential = Resolve(auth.AccessKeyId) ?? throw CommonErrors.InvalidAccessKeyIdNotFound();
        var hashed = req.Header("x-acs-content-sha256")!;
        // Most RPC calls have no body: its hash is a constant.
        var bodyHash = req.Body.Length == 0 ? Acs3Signature.EmptyBodySha256 : Acs3Signature.Sha256Hex(req.Body);
        if (!string.Equals(hashed, bodyHash, StringComparison.OrdinalIgnoreCase))
            throw CommonErrors.ContentSha256NotMatched();

        // This thread's builder: hashed from there, made a string only for a refusal (Acs3Signature.WriteCanonicalRequest).
        var written = Acs3Signature.WriteCanonicalRequest(req.Method, req.Path, req.Query, signed, HeaderValues, hashed);
        var stringToSign = Acs3Signature.StringToSign(written);
        StringValues HeaderValues(string name) => req.Headers.TryGetValue(name, out var v) ? v : StringValues.Empty;
        var expected = Acs3Signature.Sign(stringToSign, credential.Secret);
        if (!FixedTimeEquals(expected, auth.Signature.ToLowerInvariant()))
        {
            var canonical = written.ToString();
            log.LogDebug("V3 signature mismatch for {AccessKeyId}; canonical request:\n{Canonical}", auth.AccessKeyId, canonical);
            throw CommonErrors.SignatureDoesNotMatch(stringToSign.Replace("\n", "\\n") + " canonical request is:" + canonical.Replace("\n", "\\n"));
        }
        CheckFreshness(credential.AccessKeyId, req.Header("x-acs-date")!, req.Header("x-acs-signature-nonce")!);
        CheckSts(credential, req.Header("x-acs-security-token"));
        return credential;
    }

    private void CheckFreshness(string accessKeyId, string timestamp, string nonce)
    {
        if (!DateTimeOffset.TryParseExact(timestamp, ["yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
            throw CommonErrors.InvalidTimeStampFormat();
        var now = wall.UtcNow;
        if ((now - signedAt).Duration() > _skew) throw CommonErrors.InvalidTimeStampExpired();
        if (!nonces.TryUse(accessKeyId, nonce, signedAt, _skew)) throw CommonErrors.SignatureNonceUsed();
    }

    private void CheckSts(ResolvedCredential credential, string? token)
    {
        if (!credential.IsSts) return;
        if (string.IsNullOrEmpty(token)) throw CommonErrors.MissingSecurityToken();
        if (!FixedTimeEquals(token, credential.SecurityToken!)) throw CommonErrors.InvalidSecurityTokenMismatch();
        if (credential.ExpiresAt is { } exp && clock.NowFor(credential.Partner.Uid) >= exp)
            throw CommonErrors.InvalidSecurityTokenExpired();
    }

    // The strings' own UTF-16 bytes: equal exactly when the strings are, and nothing to allocate on every signed call.
    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()), System.Runtime.InteropServices.MemoryMarshal.AsBytes(b.AsSpan()));
}
