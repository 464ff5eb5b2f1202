using BenchmarkDotNet.Attributes;
using VirtualOperator.Emulator.Protocol.Parsing;
using VirtualOperator.Emulator.Protocol.Signing;

namespace VirtualOperator.Bench.Micro;

/// <summary>What the emulator computes for every signed call before a handler runs: the V3 canonical request
/// and HMAC, the V1 string to sign, and parsing the query into parameters.</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal)
    {
        ["host"] = "127.0.0.1:4590", ["x-acs-action"] = "CreateAgAccount", ["x-acs-version"] = "2017-12-14",
        ["x-acs-date"] = "2026-11-28T18:00:00Z", ["x-acs-signature-nonce"] = "4f1b2c3d4e5f60718293a4b5c6d7e8f9",
        ["x-acs-content-sha256"] = Acs3Signature.EmptyBodySha256,
    };
    private static readonly List<string> Signed = [.. Headers.Keys];
    private const string V1Query = "AccessKeyId=LTAI5tVoEmulatorDefault1&Action=GetCustomerList&Format=JSON&SignatureMethod=HMAC-SHA1" +
        "&SignatureNonce=6a1d3f4e-1111-2222-3333-444455556666&SignatureVersion=1.0&Timestamp=2026-11-28T18%3A00%3A00Z&Version=2017-12-14" +
        "&Signature=abcdefabcdefabcdefabcdefabc%3D";
    private readonly List<KeyValuePair<string, string>> _query = [new("LoginEmail", "c1-bench@bench.example.com")];
    private readonly List<KeyValuePair<string, string>> _v1 = QueryParser.Parse(V1Query);

    [Benchmark]
    public string V3CanonicalAndSign()
    {
        var canonical = Acs3Signature.CanonicalRequest("POST", "/", _query, Signed, n => [Headers[n]], Acs3Signature.EmptyBodySha256);
        return Acs3Signature.Sign(Acs3Signature.StringToSign(canonical), "VoEmulatorDefaultSecret0000000");
    }

    [Benchmark]
    public string V1StringToSignAndSign() =>
        RpcSignatureV1.Sign(RpcSignatureV1.StringToSign("GET", _v1), "VoEmulatorDefaultSecret0000000");

    [Benchmark]
    public int ParseQueryAndParameters() => new ActionParameters(QueryParser.Parse(V1Query)).All.Count;
}
