using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Protocol.Signing;

namespace VirtualOperator.Emulator.Products.Mns;

/// <summary>
/// Who sends a queue request: the MNS signature (shared/reference/SIGNATURES.md §3) checked strictly, the Date header within
/// the allowed skew of the wall clock (15 minutes, dd/27485), STS credentials with their <c>security-token</c> header.
/// Credentials are found through the same sources as every RPC call (<see cref="SignatureVerifier.Resolve"/>).
/// </summary>
public sealed partial class MnsAuthentication(SignatureVerifier credentials, WallClock wall, VirtualClock clock, IOptions<EmulatorOptions> options)
{
    private readonly TimeSpan _skew = TimeSpan.FromMinutes(options.Value.Signature.AllowedSkewMinutes);

    /// <summary>The AccessKeyId a request names, for the journal, even when it is refused.</summary>
    public static string? AccessKeyIdOf(MnsRequest req) => MnsSignature.ParseAuthorization(req.Header("Authorization"))?.AccessKeyId;

    public ResolvedCredential? Resolve(string accessKeyId) => credentials.Resolve(accessKeyId);

    public ResolvedCredential Authenticate(MnsRequest req)
    {
        var authorization = req.Header("Authorization") ?? throw MnsErrors.MissingAuthorizationHeader();
        var (accessKeyId, signature) = MnsSignature.ParseAuthorization(authorization) ?? throw MnsErrors.InvalidAuthorizationHeader();
        var date = req.Header("Date") ?? throw MnsErrors.MissingDateHeader();
        if (!DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
            throw MnsErrors.InvalidDateHeader();
        if (req.Header("x-mns-version") is null) throw MnsErrors.MissingVersionHeader();

        var credential = credentials.Resolve(accessKeyId) ?? throw MnsErrors.InvalidAccessKeyId();
        var contentMd5 = req.Header("Content-MD5");
        var stringToSign = MnsSignature.StringToSign(req.Method, contentMd5, req.Header("Content-Type"), date,
            req.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())), req.RawTarget);
        if (!FixedTimeEquals(MnsSignature.Sign(stringToSign, credential.Secret), signature))
            throw MnsErrors.SignatureDoesNotMatch(stringToSign);
        if ((wall.UtcNow - signedAt).Duration() > _skew) throw MnsErrors.TimeExpired();
        if (contentMd5 is not null && !string.Equals(contentMd5, MnsSignature.ContentMd5(req.Body), StringComparison.Ordinal))
            throw MnsErrors.InvalidDigest();

        if (credential.IsSts)
        {
            // [I] MNS's codes for a missing, wrong or expired token are not published; AccessDenied is its generic refusal.
            var token = req.Header("security-token");
            if (string.IsNullOrEmpty(token)) throw MnsErrors.AccessDenied("The security-token header is missing for STS credentials.");
            if (!FixedTimeEquals(token, credential.SecurityToken!)) throw MnsErrors.AccessDenied("The security-token does not match the AccessKeyId.");
            if (credential.ExpiresAt is { } exp && clock.NowFor(credential.Partner.Uid) >= exp)
                throw MnsErrors.AccessDenied("The security token has expired.");
        }
        return credential;
    }

    /// <summary>The account id an SDK put in the host (<c>{AccountId}.mns.{region}.aliyuncs.com</c>); null for a custom endpoint.</summary>
    public static string? AccountInHost(string host) => AccountHost().Match(host) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^(\d+)\.mns[.-]", RegexOptions.CultureInvariant)]
    private static partial Regex AccountHost();

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
