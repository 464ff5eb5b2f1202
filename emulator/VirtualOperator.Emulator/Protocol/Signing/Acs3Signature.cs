using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace VirtualOperator.Emulator.Protocol.Signing;

/// <summary>
/// Signature V3, <c>ACS3-HMAC-SHA256</c>: a canonical request (method, path, query, the signed
/// headers, the body hash) hashed, prefixed with the algorithm, HMAC-SHA256 with the raw secret, lower-case hex.
/// </summary>
public static class Acs3Signature
{
    public const string Algorithm = "ACS3-HMAC-SHA256";
    public const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Headers the official SDKs always sign; a request that leaves one out is incomplete.</summary>
    public static readonly string[] MandatorySignedHeaders =
        ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> query) =>
        query is ICollection<KeyValuePair<string, string>> { Count: 0 } ? "" : string.Join('&', query
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => AcsPercentEncoding.Encode(p.Key) + "=" + AcsPercentEncoding.Encode(p.Value)));

    /// <summary>The SDK only rewrites <c>+ * %7E</c> in the path; RPC paths are always <c>/</c>.</summary>
    public static string CanonicalUri(string path) =>
        string.IsNullOrEmpty(path) ? "/" : path.Replace("+", "%20").Replace("*", "%2A").Replace("%7E", "~");

    /// <param name="signedHeaders">lower-case names, in the order the client listed them (sorted here again).</param>
    /// <param name="headerValue">returns the values the client sent for one lower-case header name.</param>
    public static string CanonicalRequest(
        string method, string path, IEnumerable<KeyValuePair<string, string>> query,
        IReadOnlyList<string> signedHeaders, Func<string, IEnumerable<string>> headerValue, string hashedPayload) =>
        CanonicalRequest(method, path, query, signedHeaders, name => new StringValues([.. headerValue(name)]), hashedPayload);

    /// <inheritdoc cref="CanonicalRequest(string, string, IEnumerable{KeyValuePair{string, string}}, IReadOnlyList{string}, Func{string, IEnumerable{string}}, string)"/>
    /// <remarks>The verifier's form: the header values as the server holds them, read without a LINQ pipeline per header
    /// (those iterators and closures were a tenth of what a signed call allocated, docs/performance.md "Read path").</remarks>
    public static string CanonicalRequest(
        string method, string path, IEnumerable<KeyValuePair<string, string>> query,
        IReadOnlyList<string> signedHeaders, Func<string, StringValues> headerValues, string hashedPayload) =>
        WriteCanonicalRequest(method, path, query, signedHeaders, headerValues, hashedPayload).ToString();

    [ThreadStatic] private static StringBuilder? t_canonical;

    /// <summary>
    /// The canonical request, written into this thread's own builder and valid until the next call on this thread: the
    /// verifier hashes it from there (<see cref="StringToSign(StringBuilder)"/>) and makes a string of it only for a
    /// refusal's message, instead of a new builder and a new string of a few hundred characters on every signed call.
    /// </summary>
    internal static StringBuilder WriteCanonicalRequest(
        string method, string path, IEnumerable<KeyValuePair<string, string>> query,
        IReadOnlyList<string> signedHeaders, Func<string, StringValues> headerValues, string hashedPayload)
    {
        // Trimmed, lower-case, non-empty, distinct, ordinal order (a plain loop: this runs on every signed call).
        var names = new List<string>(signedHeaders.Count);
        foreach (var h in signedHeaders)
        {
            var name = h.Trim().ToLowerInvariant();
            if (name.Length > 0 && !names.Contains(name)) names.Add(name);
        }
        names.Sort(StringComparer.Ordinal);
        // A builder grown by one very long request is let go rather than kept by the thread.
        var sb = t_canonical is { Capacity: <= 16 * 1024 } kept ? kept.Clear() : t_canonical = new StringBuilder(1024);
        sb.Append(method.ToUpperInvariant()).Append('\n');
        sb.Append(CanonicalUri(path)).Append('\n');
        sb.Append(CanonicalQuery(query)).Append('\n');
        foreach (var name in names)
        {
            sb.Append(name).Append(':');
            var values = headerValues(name);
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append((values[i] ?? "").AsSpan().Trim());
            }
            sb.Append('\n');
        }
        sb.Append('\n');
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0) sb.Append(';');
            sb.Append(names[i]);
        }
        sb.Append('\n');
        sb.Append(hashedPayload);
        return sb;
    }

    public static string StringToSign(string canonicalRequest) => StringToSign(canonicalRequest.AsSpan());

    /// <inheritdoc cref="StringToSign(string)"/>
    public static string StringToSign(StringBuilder canonicalRequest)
    {
        var rented = System.Buffers.ArrayPool<char>.Shared.Rent(canonicalRequest.Length);
        try
        {
            canonicalRequest.CopyTo(0, rented, 0, canonicalRequest.Length);
            return StringToSign(rented.AsSpan(0, canonicalRequest.Length));
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static string StringToSign(ReadOnlySpan<char> canonicalRequest)
    {
        var sha = ThreadHashes.Sha256();
        sha.AppendUtf8(canonicalRequest);
        return string.Concat(Algorithm, "\n", sha.HexDigest());
    }

    public static string Sign(string stringToSign, string accessKeySecret)
    {
        var hmac = ThreadHashes.Hmac(HashAlgorithmName.SHA256, accessKeySecret);
        hmac.AppendUtf8(stringToSign);
        return hmac.HexDigest();
    }

    public static string Sha256Hex(ReadOnlySpan<byte> data)
    {
        var sha = ThreadHashes.Sha256();
        sha.AppendData(data);
        return sha.HexDigest();
    }

    public static string Authorization(string accessKeyId, IEnumerable<string> signedHeaders, string signature) =>
        $"{Algorithm} Credential={accessKeyId},SignedHeaders={string.Join(';', signedHeaders)},Signature={signature}";

    /// <summary>Parses <c>ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..</c>; null when it is not that shape.
    /// On spans: it runs on every V3 call, and splitting the header into strings was a fifth of what a call allocated
    /// (docs/performance.md, "Read path").</summary>
    public static ParsedAuthorization? ParseAuthorization(string header)
    {
        var space = header.IndexOf(' ');
        if (space <= 0) return null;
        var algorithm = header.AsSpan(0, space).SequenceEqual(Algorithm) ? Algorithm : header[..space];
        string? credential = null, signature = null;
        List<string>? signed = null;
        var rest = header.AsSpan(space + 1);
        foreach (var range in rest.Split(','))
        {
            var part = rest[range].Trim();
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var k = part[..eq];
            var v = part[(eq + 1)..];
            if (k.SequenceEqual("Credential")) credential = v.ToString();
            else if (k.SequenceEqual("SignedHeaders")) signed = HeaderNames(v);
            else if (k.SequenceEqual("Signature")) signature = v.ToString();
        }
        if (credential is null || signed is null || signature is null) return null;
        return new ParsedAuthorization(algorithm, credential, signed, signature);
    }

    private static readonly string[] KnownHeaderNames = [.. MandatorySignedHeaders, "x-acs-security-token", "content-type"];

    // The names as listed (empty ones skipped); the ones every SDK signs are the constants, not new strings.
    private static List<string> HeaderNames(ReadOnlySpan<char> list)
    {
        var names = new List<string>(8);
        foreach (var range in list.Split(';'))
        {
            var name = list[range];
            if (name.IsEmpty) continue;
            string? known = null;
            foreach (var k in KnownHeaderNames)
                if (name.SequenceEqual(k)) { known = k; break; }
            names.Add(known ?? name.ToString());
        }
        return names;
    }
}

public sealed record ParsedAuthorization(string Algorithm, string AccessKeyId, IReadOnlyList<string> SignedHeaders, string Signature);
