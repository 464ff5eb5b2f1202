using Microsoft.Extensions.Primitives;
using VirtualOperator.Emulator.Protocol.Parsing;
using VirtualOperator.Emulator.Protocol.Responses;

namespace VirtualOperator.Emulator.Protocol.Pipeline;

public enum SignatureScheme { None, V1, V3 }

/// <summary>
/// One RPC request as received: decoded query and form pairs, the raw body (V3 hashes it), headers.
/// The same product can be called three ways (V3 headers; V1 in a POST query; V1 in a GET query or form body).
/// </summary>
public sealed class RpcRequest
{
    /// <summary>V1 common parameters: signed, but not API parameters of the action.</summary>
    public static readonly HashSet<string> CommonParameters = new(StringComparer.Ordinal)
    {
        "Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce",
        "SignatureType", "Timestamp", "Signature", "SecurityToken",
    };

    public const int MaxBodyBytes = 1 << 20;

    public required string Method { get; init; }
    public required string Path { get; init; }
    public required string Host { get; init; }
    public required IHeaderDictionary Headers { get; init; }
    public required List<KeyValuePair<string, string>> Query { get; init; }
    public required List<KeyValuePair<string, string>> Form { get; init; }
    public required byte[] Body { get; init; }

    /// <summary>The body went over <see cref="MaxBodyBytes"/>: it was not read, and the call is refused in the envelope.</summary>
    public bool BodyTooLarge { get; init; }

    public IEnumerable<KeyValuePair<string, string>> AllParameters => Query.Concat(Form);

    // Read several times a call (action, version, format, verification), from headers and parameters that never change.
    private SignatureScheme? _scheme;

    public SignatureScheme Scheme => _scheme ??=
        Header("Authorization") is { } a && a.StartsWith("ACS3-", StringComparison.Ordinal) ? SignatureScheme.V3
        : Param("Signature") is not null || Param("AccessKeyId") is not null ? SignatureScheme.V1
        : SignatureScheme.None;

    /// <summary>The parameter's last value (a form value wins over a query value of the same name), or null.</summary>
    public string? Param(string name)
    {
        // Two plain loops, not AllParameters: on the path of every call, several times, and Concat allocates.
        for (var i = Form.Count - 1; i >= 0; i--) if (Form[i].Key == name) return Form[i].Value;
        for (var i = Query.Count - 1; i >= 0; i--) if (Query[i].Key == name) return Query[i].Value;
        return null;
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString() : null;

    public string? ActionName => Scheme == SignatureScheme.V3 ? Header("x-acs-action") ?? Param("Action") : Param("Action") ?? Header("x-acs-action");
    public string? VersionName => Scheme == SignatureScheme.V3 ? Header("x-acs-version") ?? Param("Version") : Param("Version") ?? Header("x-acs-version");

    /// <summary>JSON or XML, as the real service picks it: Format (case-insensitive), XML when absent for V1; V3 follows Accept.</summary>
    public ResponseFormat Format
    {
        get
        {
            var f = Param("Format");
            if (f is not null) return f.Equals("xml", StringComparison.OrdinalIgnoreCase) ? ResponseFormat.Xml : ResponseFormat.Json;
            if (Scheme == SignatureScheme.V3)
            {
                var accept = Header("Accept") ?? "";
                return accept.Contains("xml", StringComparison.OrdinalIgnoreCase) && !accept.Contains("json", StringComparison.OrdinalIgnoreCase)
                    ? ResponseFormat.Xml : ResponseFormat.Json;
            }
            return ResponseFormat.Xml;
        }
    }

    /// <summary>The action's own parameters: everything but the common ones.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ApiParameters => _apiParameters ??= OwnParameters();

    // Read twice a call (the action's parameters, the journal), so listed once.
    private List<KeyValuePair<string, string>>? _apiParameters;

    private List<KeyValuePair<string, string>> OwnParameters()
    {
        var own = new List<KeyValuePair<string, string>>(Query.Count + Form.Count);
        foreach (var p in Query) if (!CommonParameters.Contains(p.Key)) own.Add(p);
        foreach (var p in Form) if (!CommonParameters.Contains(p.Key)) own.Add(p);
        return own;
    }

    public static async Task<RpcRequest> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        var body = Array.Empty<byte>();
        var tooLarge = http.ContentLength is > MaxBodyBytes;
        if (!tooLarge && (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0))
        {
            using var ms = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int n;
            while ((n = await http.Body.ReadAsync(buffer, ct)) > 0)
            {
                if (ms.Length + n > MaxBodyBytes) { tooLarge = true; break; }
                ms.Write(buffer, 0, n);
            }
            body = tooLarge ? [] : ms.ToArray();
        }
        var form = new List<KeyValuePair<string, string>>();
        if (body.Length > 0 && (http.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            form = QueryParser.Parse(System.Text.Encoding.UTF8.GetString(body));
        return new RpcRequest
        {
            Method = http.Method.ToUpperInvariant(),
            Path = http.Path.HasValue ? http.PathBase + http.Path : "/",
            Host = http.Host.Value ?? "",
            Headers = http.Headers,
            Query = QueryParser.Parse(http.QueryString.Value ?? ""),
            Form = form,
            Body = body,
            BodyTooLarge = tooLarge,
        };
    }
}
