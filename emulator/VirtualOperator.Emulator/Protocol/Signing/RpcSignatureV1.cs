using System.Security.Cryptography;
using System.Text;

namespace VirtualOperator.Emulator.Protocol.Signing;

/// <summary>
/// RPC signature V1 (SignatureVersion 1.0): HMAC-SHA1 or HMAC-SHA256 over
/// <c>METHOD&amp;%2F&amp;encode(canonicalized query)</c>, keyed with <c>secret + "&amp;"</c>.
/// </summary>
public static class RpcSignatureV1
{
    public const string HmacSha1 = "HMAC-SHA1";
    public const string HmacSha256 = "HMAC-SHA256";

    /// <summary>Sorted (ordinal, stable for repeated names), encoded <c>name=value</c> pairs joined by <c>&amp;</c>; <c>Signature</c> left out.</summary>
    public static string CanonicalizedQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Where(p => p.Key != "Signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => AcsPercentEncoding.Encode(p.Key) + "=" + AcsPercentEncoding.Encode(p.Value)));

    public static string StringToSign(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters) =>
        httpMethod.ToUpperInvariant() + "&" + AcsPercentEncoding.Encode("/") + "&" +
        AcsPercentEncoding.Encode(CanonicalizedQuery(parameters));

    public static bool IsSupportedMethod(string signatureMethod) =>
        signatureMethod is HmacSha1 or HmacSha256;

    public static string Sign(string stringToSign, string accessKeySecret, string signatureMethod = HmacSha1)
    {
        var hmac = ThreadHashes.Hmac(signatureMethod == HmacSha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1, accessKeySecret + "&");
        hmac.AppendUtf8(stringToSign);
        Span<byte> mac = stackalloc byte[32];
        var length = hmac.GetHashAndReset(mac);
        return Convert.ToBase64String(mac[..length]);
    }
}
