using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace VirtualOperator.ContractTests.Client;

/// <summary>
/// A small, dependency-free Alibaba Cloud RPC client: signs V3 (default) or V1, sends the STS security token
/// when the credentials carry one, reads JSON or XML, and turns the error envelope into <see cref="AcsApiException"/>.
/// It shares no code with the emulator, so a signing bug on either side shows up as a failed call.
/// </summary>
public sealed class AcsClient(HttpClient http, IAcsEndpoints endpoints, AcsCredentials credentials, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public AcsCredentials Credentials => credentials;

    /// <summary>The same endpoints and transport with other credentials (a customer's STS token, a wrong secret).</summary>
    public AcsClient With(AcsCredentials other) => new(http, endpoints, other, _time);

    /// <summary>Calls an action; an HTTP error answer throws <see cref="AcsApiException"/>.</summary>
    public async Task<AcsResponse> CallAsync(string product, string version, string action,
        IReadOnlyDictionary<string, string>? parameters = null, CallOptions? options = null, CancellationToken ct = default)
    {
        using var request = BuildRequest(product, version, action, parameters ?? new Dictionary<string, string>(), options ?? CallOptions.V3Json);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
        var requestId = response.Headers.TryGetValues("x-acs-request-id", out var ids) ? ids.FirstOrDefault() : null;
        var status = (int)response.StatusCode;
        if (status >= 400) throw ParseError(status, contentType, body, requestId);
        return new AcsResponse(response.StatusCode, contentType, body, requestId);
    }

    public HttpRequestMessage BuildRequest(string product, string version, string action, IReadOnlyDictionary<string, string> parameters, CallOptions options)
    {
        var endpoint = endpoints.For(product);
        return options.Signature == SignatureVersion.V3
            ? BuildV3(endpoint, version, action, parameters, options)
            : BuildV1(endpoint, version, action, parameters, options);
    }

    private HttpRequestMessage BuildV3(AcsEndpoint endpoint, string version, string action, IReadOnlyDictionary<string, string> parameters, CallOptions options)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!options.FormBody) foreach (var (k, v) in parameters) query[k] = v;
        if (options.Format == ResponseFormat.Xml) query["Format"] = "XML";
        var body = options.FormBody ? AcsPercent.CanonicalQuery(parameters) : "";
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var hashed = Acs3Signer.HexSha256(bodyBytes);

        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = endpoint.Host,
            ["x-acs-action"] = action,
            ["x-acs-version"] = version,
            ["x-acs-date"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["x-acs-signature-nonce"] = Guid.NewGuid().ToString("N"),
            ["x-acs-content-sha256"] = hashed,
        };
        if (options.FormBody) headers["content-type"] = "application/x-www-form-urlencoded";
        if (credentials.SecurityToken is { } token)
        {
            headers["x-acs-accesskey-id"] = credentials.AccessKeyId;
            headers["x-acs-security-token"] = token;
        }
        var canonical = Acs3Signer.CanonicalRequest("POST", "/", query, headers, hashed);
        var signature = Acs3Signer.Sign(Acs3Signer.StringToSign(canonical), credentials.AccessKeySecret);

        var request = new HttpRequestMessage(HttpMethod.Post, Address(endpoint, query));
        request.Headers.Host = endpoint.Host;
        foreach (var (name, value) in headers)
            if (name is not ("host" or "content-type")) request.Headers.TryAddWithoutValidation(name, value);
        request.Headers.TryAddWithoutValidation("Authorization", Acs3Signer.Authorization(credentials.AccessKeyId, Acs3Signer.SignedHeaders(headers), signature));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(options.Format == ResponseFormat.Xml ? "application/xml" : "application/json"));
        if (options.FormBody)
        {
            request.Content = new ByteArrayContent(bodyBytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }
        return request;
    }

    private HttpRequestMessage BuildV1(AcsEndpoint endpoint, string version, string action, IReadOnlyDictionary<string, string> parameters, CallOptions options)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Action"] = action,
            ["Version"] = version,
            ["AccessKeyId"] = credentials.AccessKeyId,
            ["SignatureMethod"] = options.SignatureMethod,
            ["SignatureVersion"] = "1.0",
            ["SignatureNonce"] = Guid.NewGuid().ToString(),
            ["Timestamp"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (options.Format is { } f) all["Format"] = f == ResponseFormat.Json ? "JSON" : "XML";
        if (credentials.SecurityToken is { } token) all["SecurityToken"] = token;
        foreach (var (k, v) in parameters) all[k] = v;
        all["Signature"] = RpcV1Signer.Sign(RpcV1Signer.StringToSign(options.Method.Method, all), credentials.AccessKeySecret, options.SignatureMethod);

        // pop-core writes the parameters sorted with Signature last.
        var encoded = AcsPercent.CanonicalQuery(all.Where(p => p.Key != "Signature")) + "&Signature=" + AcsPercent.Encode(all["Signature"]);
        HttpRequestMessage request;
        if (options.Method == HttpMethod.Get)
            request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint.BaseAddress, "/?" + encoded));
        else
        {
            request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.BaseAddress, "/"))
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(encoded)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }
        request.Headers.Host = endpoint.Host;
        return request;
    }

    private static Uri Address(AcsEndpoint endpoint, IReadOnlyDictionary<string, string> query) =>
        new(endpoint.BaseAddress, query.Count == 0 ? "/" : "/?" + AcsPercent.CanonicalQuery(query));

    /// <summary>The error envelope, JSON or XML (<c>&lt;Error&gt;</c>); a body that is neither still gives a typed error.</summary>
    public static AcsApiException ParseError(int status, string contentType, string body, string? requestIdHeader)
    {
        Func<string, string?>? field = null;
        try
        {
            if (contentType.Contains("xml", StringComparison.OrdinalIgnoreCase) || body.TrimStart().StartsWith('<'))
            {
                if (XDocument.Parse(body).Root is { } root) field = n => root.Element(n)?.Value;
            }
            else if (JsonNode.Parse(body) is JsonObject o) field = n => o[n]?.ToString();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or System.Xml.XmlException) { }

        if (field is null || field("Code") is not { } code)
            return new AcsApiException($"HTTP{status}", body.Length > 500 ? body[..500] : body, status, requestIdHeader, null, null, body);
        return new AcsApiException(code, field("Message") ?? "", status, field("RequestId") ?? requestIdHeader, field("HostId"), field("Recommend"), body);
    }
}
