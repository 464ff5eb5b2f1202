using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace VirtualOperator.ContractTests.Client;

/// <summary>One MNS answer: status and XML body (none for 204).</summary>
public sealed record MnsResponse(int Status, string Body)
{
    public XElement? Root => Body.Length == 0 ? null : XDocument.Parse(Body).Root;

    /// <summary>A child element's text by local name (MNS bodies are in the <c>http://mns.aliyuncs.com/doc/v1/</c> namespace).</summary>
    public string? Field(string name) => Root?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    public string? Code => Root?.Name.LocalName == "Error" ? Field("Code") : null;

    public IReadOnlyList<XElement> Items(string name) => Root?.Elements().Where(e => e.Name.LocalName == name).ToList() ?? [];

    public override string ToString() => $"{Status} {Body}";
}

/// <summary>
/// A minimal MNS queue client with its own signer (SIGNATURES.md §3: HMAC-SHA1 with the bare secret over VERB, Content-MD5,
/// Content-Type, Date, the x-mns-* headers and the resource as sent), written from the spec rather than the emulator's code.
/// The resource is sent exactly as given, so a test can send a receipt handle raw (Node, Python) or escaped (Go).
/// </summary>
public sealed class MnsClient(HttpClient http, Uri baseAddress, AcsCredentials credentials, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<MnsResponse> SendAsync(HttpMethod method, string resource, string? body = null,
        string? host = null, DateTimeOffset? date = null, string? secret = null)
    {
        var dateText = (date ?? _time.GetUtcNow()).UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var withBody = method != HttpMethod.Get && method != HttpMethod.Head;
        var md5 = withBody ? Convert.ToBase64String(Encoding.UTF8.GetBytes(Convert.ToHexStringLower(MD5.HashData(bytes)))) : "";
        var type = withBody ? "text/xml" : "";
        var toSign = $"{method.Method}\n{md5}\n{type}\n{dateText}\nx-mns-date:{dateText}\nx-mns-version:2015-06-06\n{resource}";
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(secret ?? credentials.AccessKeySecret));
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(toSign)));

        using var req = new HttpRequestMessage(method, new Uri(baseAddress, resource));
        req.Headers.TryAddWithoutValidation("Date", dateText);
        req.Headers.TryAddWithoutValidation("x-mns-date", dateText);
        req.Headers.TryAddWithoutValidation("x-mns-version", "2015-06-06");
        req.Headers.TryAddWithoutValidation("Authorization", $"MNS {credentials.AccessKeyId}:{signature}");
        if (credentials.SecurityToken is { } token) req.Headers.TryAddWithoutValidation("security-token", token);
        if (host is not null) req.Headers.Host = host;
        if (withBody)
        {
            req.Content = new ByteArrayContent(bytes);
            req.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            req.Content.Headers.TryAddWithoutValidation("Content-MD5", md5);
        }
        using var resp = await http.SendAsync(req);
        return new MnsResponse((int)resp.StatusCode, await resp.Content.ReadAsStringAsync());
    }

    public Task<MnsResponse> ReceiveAsync(string queue, int? waitSeconds = null, int? batch = null)
    {
        var q = new List<string>();
        if (batch is { } n) q.Add($"numOfMessages={n}");
        if (waitSeconds is { } w) q.Add($"waitseconds={w}");
        return SendAsync(HttpMethod.Get, $"/queues/{queue}/messages" + (q.Count > 0 ? "?" + string.Join('&', q) : ""));
    }

    public Task<MnsResponse> PeekAsync(string queue) => SendAsync(HttpMethod.Get, $"/queues/{queue}/messages?peekonly=true");

    public Task<MnsResponse> DeleteAsync(string queue, string receiptHandle, bool escape = false) =>
        SendAsync(HttpMethod.Delete, $"/queues/{queue}/messages?ReceiptHandle={(escape ? Uri.EscapeDataString(receiptHandle) : receiptHandle)}");

    public Task<MnsResponse> ChangeVisibilityAsync(string queue, string receiptHandle, int seconds) =>
        SendAsync(HttpMethod.Put, $"/queues/{queue}/messages?receiptHandle={receiptHandle}&visibilityTimeout={seconds}");

    public Task<MnsResponse> AttributesAsync(string queue) => SendAsync(HttpMethod.Get, $"/queues/{queue}");
}
