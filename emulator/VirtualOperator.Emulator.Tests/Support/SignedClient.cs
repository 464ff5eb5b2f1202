using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Protocol.Signing;

namespace VirtualOperator.Emulator.Tests.Support;

/// <summary>
/// Signs calls the way the official SDKs do (V3 by default; V1 GET, V1 POST form on request) using the
/// emulator's own signer classes. The contract suite has an independent signer; this one is for unit tests.
/// </summary>
public sealed class SignedClient(HttpClient http, string accessKeyId, string secret, string? securityToken = null)
{
    public HttpClient Http => http;

    public Task<ApiResult> V3(string action, string version, IDictionary<string, string>? query = null,
        string host = "business.aliyuncs.com", string? nonce = null, DateTimeOffset? date = null)
    {
        query ??= new Dictionary<string, string>();
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = host,
            ["x-acs-action"] = action,
            ["x-acs-version"] = version,
            ["x-acs-date"] = (date ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["x-acs-signature-nonce"] = nonce ?? Guid.NewGuid().ToString("N"),
            ["x-acs-content-sha256"] = Acs3Signature.EmptyBodySha256,
        };
        if (securityToken is not null)
        {
            headers["x-acs-accesskey-id"] = accessKeyId;
            headers["x-acs-security-token"] = securityToken;
        }
        var canonical = Acs3Signature.CanonicalRequest("POST", "/", query, headers.Keys.ToList(), n => [headers[n]], Acs3Signature.EmptyBodySha256);
        var signature = Acs3Signature.Sign(Acs3Signature.StringToSign(canonical), secret);
        var req = new HttpRequestMessage(HttpMethod.Post, "/?" + string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
        foreach (var (k, v) in headers) if (k != "host") req.Headers.TryAddWithoutValidation(k, v);
        req.Headers.Host = host;
        req.Headers.TryAddWithoutValidation("Accept", "application/json");
        req.Headers.TryAddWithoutValidation("Authorization", Acs3Signature.Authorization(accessKeyId, headers.Keys, signature));
        return SendAsync(req);
    }

    /// <summary>V1 with every parameter in the query (GET) or in a form body (POST), as pop-core sends it.</summary>
    public Task<ApiResult> V1(string action, string version, IDictionary<string, string>? parameters = null, HttpMethod? method = null,
        string? format = "JSON", string signatureMethod = "HMAC-SHA1", string? nonce = null, DateTimeOffset? timestamp = null, string? secretOverride = null)
    {
        method ??= HttpMethod.Get;
        var all = V1Parameters(action, version, parameters, format, signatureMethod, nonce, timestamp);
        var stringToSign = RpcSignatureV1.StringToSign(method.Method, all);
        all["Signature"] = RpcSignatureV1.Sign(stringToSign, secretOverride ?? secret, signatureMethod);
        var encoded = string.Join('&', all.Select(p => AcsPercentEncoding.Encode(p.Key) + "=" + AcsPercentEncoding.Encode(p.Value)));
        var req = method == HttpMethod.Get
            ? new HttpRequestMessage(HttpMethod.Get, "/?" + encoded)
            : new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(encoded, Encoding.UTF8, "application/x-www-form-urlencoded") };
        return SendAsync(req);
    }

    public SortedDictionary<string, string> V1Parameters(string action, string version, IDictionary<string, string>? parameters,
        string? format = "JSON", string signatureMethod = "HMAC-SHA1", string? nonce = null, DateTimeOffset? timestamp = null)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Action"] = action, ["Version"] = version, ["AccessKeyId"] = accessKeyId,
            ["SignatureMethod"] = signatureMethod, ["SignatureVersion"] = "1.0",
            ["SignatureNonce"] = nonce ?? Guid.NewGuid().ToString(),
            ["Timestamp"] = (timestamp ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (format is not null) all["Format"] = format;
        if (securityToken is not null) all["SecurityToken"] = securityToken;
        foreach (var (k, v) in parameters ?? new Dictionary<string, string>()) all[k] = v;
        return all;
    }

    public async Task<ApiResult> SendAsync(HttpRequestMessage req)
    {
        var resp = await http.SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        return new ApiResult(resp.StatusCode, resp.Content.Headers.ContentType?.ToString() ?? "", text);
    }
}

public sealed record ApiResult(HttpStatusCode Status, string ContentType, string Text)
{
    public JsonObject Json
    {
        get
        {
            try { return JsonNode.Parse(Text)!.AsObject(); }
            catch (System.Text.Json.JsonException e)
            {
                throw new InvalidOperationException($"HTTP {(int)Status} {ContentType} body is not a JSON object: {Text[..Math.Min(Text.Length, 2000)]}", e);
            }
        }
    }
    public string? Code => Json["Code"]?.ToString();

    /// <summary>The body as a JSON object, or null when it is not one.</summary>
    public JsonObject? TryJson()
    {
        try { return JsonNode.Parse(Text) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
