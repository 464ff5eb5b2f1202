using Microsoft.AspNetCore.Http.Features;

namespace VirtualOperator.Emulator.Products.Mns;

/// <summary>
/// A queue request as it came over the wire. The raw request target is kept for the signature (the SDKs sign it as sent);
/// query keys are matched case-insensitively (Node sends <c>receiptHandle</c>, Python and Go <c>ReceiptHandle</c>) and
/// values are percent-decoded without turning '+' into a space (Go escapes the handle, Node and Python send it raw).
/// </summary>
public sealed class MnsRequest
{
    public const int MaxBodyBytes = 256 * 1024;

    public required string Method { get; init; }
    public required string RawTarget { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyDictionary<string, string> Query { get; init; }
    public required IHeaderDictionary Headers { get; init; }
    public required byte[] Body { get; init; }
    public required string Host { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null;

    public string? Param(string name) => Query.GetValueOrDefault(name);

    public static async Task<MnsRequest> ReadAsync(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || !raw.StartsWith('/')) raw = http.Request.Path.Value + http.Request.QueryString.Value;
        var q = raw.IndexOf('?');
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (q >= 0)
            foreach (var pair in raw[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                var key = Unescape(eq < 0 ? pair : pair[..eq]);
                query.TryAdd(key, eq < 0 ? "" : Unescape(pair[(eq + 1)..]));
            }
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        return new MnsRequest
        {
            Method = http.Request.Method,
            RawTarget = raw,
            Path = q >= 0 ? raw[..q] : raw,
            Query = query,
            Headers = http.Request.Headers,
            Body = body.ToArray(),
            Host = http.Request.Host.Value ?? "",
        };
    }

    private static string Unescape(string s)
    {
        try { return Uri.UnescapeDataString(s); }
        catch (UriFormatException) { return s; }
    }
}
