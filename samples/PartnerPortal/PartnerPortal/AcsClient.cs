using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerPortal;

/// <summary>
/// Signed RPC calls the way the official Alibaba Cloud SDKs send them (V3, ACS3-HMAC-SHA256, parameters in the query).
/// A real portal would use the official C# SDK (AlibabaCloud.SDK.BssOpenApi20171214…); it is not on the package mirror
/// this sample is built from, so the signer is written out here, from the published V3 signature description.
/// </summary>
public sealed class AcsClient(HttpClient http, string accessKeyId, string accessKeySecret)
{
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public async Task<JsonObject> CallAsync(string host, string version, string action, IDictionary<string, string> parameters)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = host,
            ["x-acs-action"] = action,
            ["x-acs-content-sha256"] = EmptySha256,
            ["x-acs-date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["x-acs-signature-nonce"] = Guid.NewGuid().ToString("N"),
            ["x-acs-version"] = version,
        };
        var query = string.Join('&', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));
        var canonical = $"POST\n/\n{query}\n{string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n"))}\n{string.Join(';', headers.Keys)}\n{EmptySha256}";
        var stringToSign = "ACS3-HMAC-SHA256\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(accessKeySecret), Encoding.UTF8.GetBytes(stringToSign)));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/?" + query);
        foreach (var (k, v) in headers) if (k != "host") request.Headers.TryAddWithoutValidation(k, v);
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("Authorization",
            $"ACS3-HMAC-SHA256 Credential={accessKeyId},SignedHeaders={string.Join(';', headers.Keys)},Signature={signature}");
        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        if (!response.IsSuccessStatusCode || body["Success"]?.GetValue<bool>() == false)
            throw new AcsException(body["Code"]?.ToString() ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), body["Message"]?.ToString() ?? "", (int)response.StatusCode);
        return body;
    }

    /// <summary>RFC 3986 percent-encoding, as the SDKs encode query names and values.</summary>
    private static string Encode(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
            sb.Append(b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~'
                ? ((char)b).ToString() : $"%{b:X2}");
        return sb.ToString();
    }
}

public sealed class AcsException(string code, string message, int status) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;
    public int Status { get; } = status;
}
