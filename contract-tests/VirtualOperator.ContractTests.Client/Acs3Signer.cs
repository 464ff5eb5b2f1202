using System.Security.Cryptography;
using System.Text;

namespace VirtualOperator.ContractTests.Client;

/// <summary>
/// Signature V3 (<c>ACS3-HMAC-SHA256</c>): canonical request over the method, path, sorted query, the signed
/// headers (<c>host</c>, <c>content-type</c>, every <c>x-acs-*</c>) and the hex SHA-256 of the body.
/// </summary>
public static class Acs3Signer
{
    public const string Algorithm = "ACS3-HMAC-SHA256";
    public static readonly string EmptyBodySha256 = HexSha256([]);

    public static bool IsSigned(string headerName)
    {
        var n = headerName.ToLowerInvariant();
        return n is "host" or "content-type" || n.StartsWith("x-acs-", StringComparison.Ordinal);
    }

    /// <summary>The signed header names of <paramref name="headers"/>, lower-case and sorted.</summary>
    public static IReadOnlyList<string> SignedHeaders(IEnumerable<KeyValuePair<string, string>> headers) =>
        headers.Select(h => h.Key.ToLowerInvariant()).Where(IsSigned).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();

    public static string CanonicalRequest(string method, string pathname, IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers, string hashedPayload)
    {
        var byName = headers.GroupBy(h => h.Key.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => string.Join(',', g.Select(h => h.Value.Trim())));
        var signed = SignedHeaders(headers);
        var sb = new StringBuilder();
        sb.Append(method.ToUpperInvariant()).Append('\n')
          .Append(pathname).Append('\n')
          .Append(AcsPercent.CanonicalQuery(query)).Append('\n');
        foreach (var name in signed) sb.Append(name).Append(':').Append(byName[name]).Append('\n');
        sb.Append('\n').Append(string.Join(';', signed)).Append('\n').Append(hashedPayload);
        return sb.ToString();
    }

    public static string StringToSign(string canonicalRequest) =>
        Algorithm + "\n" + HexSha256(Encoding.UTF8.GetBytes(canonicalRequest));

    public static string Sign(string stringToSign, string accessKeySecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(accessKeySecret), Encoding.UTF8.GetBytes(stringToSign)));

    public static string Authorization(string accessKeyId, IEnumerable<string> signedHeaders, string signature) =>
        $"{Algorithm} Credential={accessKeyId},SignedHeaders={string.Join(';', signedHeaders)},Signature={signature}";

    public static string HexSha256(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));
}
