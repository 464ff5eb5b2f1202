using System.Security.Cryptography;
using System.Text;

namespace VirtualOperator.Emulator.Protocol.Signing;

/// <summary>
/// The MNS queue signature (shared/reference/SIGNATURES.md §3): HMAC-SHA1, keyed with the bare secret, over
/// <c>VERB\nContent-MD5\nContent-Type\nDate\n</c> + every <c>x-mns-*</c> header (lower case, sorted, <c>name:value\n</c>)
/// + the request target exactly as sent (receipt handles arrive unescaped from the Node and Python SDKs).
/// </summary>
public static class MnsSignature
{
    public const string Scheme = "MNS";

    /// <summary>Base64 of the hex MD5 string (not of the raw digest), as every MNS SDK computes Content-MD5.</summary>
    public static string ContentMd5(ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Convert.ToHexStringLower(MD5.HashData(body))));

    public static string StringToSign(string verb, string? contentMd5, string? contentType, string? date,
        IEnumerable<KeyValuePair<string, string>> headers, string resource)
    {
        var sb = new StringBuilder();
        sb.Append(verb).Append('\n').Append(contentMd5).Append('\n').Append(contentType).Append('\n').Append(date).Append('\n');
        foreach (var (name, value) in headers
                     .Select(h => (Name: h.Key.ToLowerInvariant(), h.Value))
                     .Where(h => h.Name.StartsWith("x-mns-", StringComparison.Ordinal))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
            sb.Append(name).Append(':').Append(value).Append('\n');
        return sb.Append(resource).ToString();
    }

    public static string Sign(string stringToSign, string accessKeySecret)
    {
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(accessKeySecret));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary><c>MNS AccessKeyId:Signature</c> split, or null when the header is not of that form.</summary>
    public static (string AccessKeyId, string Signature)? ParseAuthorization(string? header)
    {
        if (header is null || !header.StartsWith(Scheme + " ", StringComparison.Ordinal)) return null;
        var rest = header[(Scheme.Length + 1)..].Trim();
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || colon == rest.Length - 1) return null;
        return (rest[..colon], rest[(colon + 1)..]);
    }
}
