using System.Globalization;
using VirtualOperator.Emulator.Protocol.Signing;

namespace VirtualOperator.Bench;

/// <summary>
/// Builds BSS OpenAPI calls signed the way the official SDKs sign them, each with its own nonce:
/// V3 (<c>ACS3-HMAC-SHA256</c> headers, POST) and V1 (HMAC-SHA1 query, GET). The same requests go to every
/// server, so request-side costs are equal; only the emulator checks them.
/// </summary>
public sealed class SignedRequests(Uri baseUri, string accessKeyId, string secret)
{
    public const string Version = "2017-12-14";

    public HttpRequestMessage V3(string action, IReadOnlyList<KeyValuePair<string, string>>? query = null)
    {
        query ??= [];
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = baseUri.Authority,
            ["x-acs-action"] = action,
            ["x-acs-version"] = Version,
            ["x-acs-date"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["x-acs-signature-nonce"] = Guid.NewGuid().ToString("N"),
            ["x-acs-content-sha256"] = Acs3Signature.EmptyBodySha256,
        };
        var canonical = Acs3Signature.CanonicalRequest("POST", "/", query, headers.Keys.ToList(), n => [headers[n]], Acs3Signature.EmptyBodySha256);
        var signature = Acs3Signature.Sign(Acs3Signature.StringToSign(canonical), secret);
        var req = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/?" + Encode(query)));
        foreach (var (k, v) in headers) if (k != "host") req.Headers.TryAddWithoutValidation(k, v);
        req.Headers.TryAddWithoutValidation("Accept", "application/json");
        req.Headers.TryAddWithoutValidation("Authorization", Acs3Signature.Authorization(accessKeyId, headers.Keys, signature));
        return req;
    }

    public HttpRequestMessage V1(string action, IReadOnlyList<KeyValuePair<string, string>>? parameters = null)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Action"] = action, ["Version"] = Version, ["AccessKeyId"] = accessKeyId, ["Format"] = "JSON",
            ["SignatureMethod"] = RpcSignatureV1.HmacSha1, ["SignatureVersion"] = "1.0",
            ["SignatureNonce"] = Guid.NewGuid().ToString(),
            ["Timestamp"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in parameters ?? []) all[k] = v;
        all["Signature"] = RpcSignatureV1.Sign(RpcSignatureV1.StringToSign("GET", all), secret);
        return new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "/?" + Encode(all)));
    }

    private static string Encode(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join('&', pairs.Select(p => AcsPercentEncoding.Encode(p.Key) + "=" + AcsPercentEncoding.Encode(p.Value)));
}
