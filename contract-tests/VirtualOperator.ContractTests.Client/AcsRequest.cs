namespace VirtualOperator.ContractTests.Client;

public enum SignatureVersion { V3, V1 }

public enum ResponseFormat { Json, Xml }

/// <summary>How one call goes on the wire. The default is what today's official Tea SDKs send: V3, POST, parameters in the query, JSON.</summary>
public sealed record CallOptions
{
    public SignatureVersion Signature { get; init; } = SignatureVersion.V3;
    /// <summary>V1 only: GET puts every parameter in the query, POST in a form body (as pop-core does).</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Post;
    /// <summary>V3: send the parameters as a form body instead of the query.</summary>
    public bool FormBody { get; init; }
    /// <summary>JSON or XML. V1 with <c>null</c> sends no <c>Format</c> at all (the service then answers XML).</summary>
    public ResponseFormat? Format { get; init; } = ResponseFormat.Json;
    /// <summary>V1: HMAC-SHA1 (default) or HMAC-SHA256.</summary>
    public string SignatureMethod { get; init; } = "HMAC-SHA1";

    public static readonly CallOptions V3Json = new();
    public static readonly CallOptions V1Get = new() { Signature = SignatureVersion.V1, Method = HttpMethod.Get };
    public static readonly CallOptions V1Post = new() { Signature = SignatureVersion.V1, Method = HttpMethod.Post };
}
