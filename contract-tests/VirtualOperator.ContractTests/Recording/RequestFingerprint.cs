using System.Security.Cryptography;
using System.Text;

namespace VirtualOperator.ContractTests.Recording;

/// <summary>
/// What a replayed call must send to get its recorded answer: its method, its action and every parameter (query and
/// form body), except what differs on every run or between the real and the replay account: the signature, nonce and
/// timestamp, the access key and STS token. The recorder stores the fingerprint in the mapping; the replay target sends
/// it in <see cref="Header"/>, so a test that now sends other values (a wrong secret's key, another owner) finds no answer.
/// </summary>
public static class RequestFingerprint
{
    public const string Header = "x-vo-params";

    private static readonly HashSet<string> Volatile = new(StringComparer.OrdinalIgnoreCase)
    {
        "Signature", "SignatureNonce", "Timestamp", "AccessKeyId", "SecurityToken",
    };

    /// <summary>The canonical text the fingerprint hashes (shown in a mapping's description).</summary>
    public static string Canonical(string method, string? rawQuery, string? formBody, string? v3Action) =>
        string.Join("&", new[] { $"method={method.ToUpperInvariant()}", $"x-acs-action={v3Action}" }
            .Concat(Pairs(rawQuery).Concat(Pairs(formBody))
                .Where(p => !Volatile.Contains(p.Key))
                .Select(p => $"{p.Key}={p.Value}")
                .Order(StringComparer.Ordinal)));

    public static string Of(string method, string? rawQuery, string? formBody, string? v3Action) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(method, rawQuery, formBody, v3Action))))[..32];

    /// <summary>The fingerprint of a request about to be sent (its query and, for a form, its body).</summary>
    public static async Task<string> OfAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = request.Content?.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded"
            ? await request.Content.ReadAsStringAsync(cancellationToken) : null;
        var action = request.Headers.TryGetValues("x-acs-action", out var a) ? a.FirstOrDefault() : null;
        return Of(request.Method.Method, request.RequestUri?.Query, form, action);
    }

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string? encoded) =>
        (encoded ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : ""));
}

/// <summary>Sends each request's <see cref="RequestFingerprint"/> (the replay target's client), so replay matches parameters.</summary>
public sealed class FingerprintHeader(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(RequestFingerprint.Header);
        request.Headers.TryAddWithoutValidation(RequestFingerprint.Header, await RequestFingerprint.OfAsync(request, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
