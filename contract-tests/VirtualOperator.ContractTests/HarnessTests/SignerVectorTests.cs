using System.Text;
using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Client;

namespace VirtualOperator.ContractTests.HarnessTests;

/// <summary>The suite's own signers against the known-answer vectors in fixtures/signing/test-vectors.json.</summary>
public sealed class SignerVectorTests
{
    private static readonly JsonArray Vectors = (JsonNode.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "signing", "test-vectors.json")))!["vectors"]!.AsArray());

    public static TheoryData<string> Names(string schemePrefix) =>
        new(Vectors.Where(v => v!["scheme"]!.GetValue<string>().StartsWith(schemePrefix, StringComparison.Ordinal)).Select(v => v!["name"]!.GetValue<string>()));

    public static TheoryData<string> V1Names => Names("V1");
    public static TheoryData<string> V3Names => Names("V3");

    private static JsonNode Vector(string name) => Vectors.Single(v => v!["name"]!.GetValue<string>() == name)!;

    private static Dictionary<string, string> Map(JsonNode? o) =>
        o!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    [Theory, MemberData(nameof(V1Names))]
    public void V1_MatchesKnownAnswer(string name)
    {
        var v = Vector(name);
        var parameters = Map(v["params"]);

        AcsPercent.CanonicalQuery(parameters).Should().Be(v["canonicalizedQueryString"]!.GetValue<string>());
        var sts = RpcV1Signer.StringToSign(v["httpMethod"]!.GetValue<string>(), parameters);
        sts.Should().Be(v["stringToSign"]!.GetValue<string>());
        RpcV1Signer.Sign(sts, v["accessKeySecret"]!.GetValue<string>()).Should().Be(v["expectedSignature"]!.GetValue<string>());
    }

    [Theory, MemberData(nameof(V3Names))]
    public void V3_MatchesKnownAnswer(string name)
    {
        var v = Vector(name);
        var headers = Map(v["headers"]);
        var hashed = Acs3Signer.HexSha256(Encoding.UTF8.GetBytes(v["body"]!.GetValue<string>()));
        hashed.Should().Be(v["hashedPayload"]!.GetValue<string>());

        var canonical = Acs3Signer.CanonicalRequest(v["method"]!.GetValue<string>(), v["pathname"]!.GetValue<string>(), Map(v["query"]), headers, hashed);
        canonical.Should().Be(v["canonicalRequest"]!.GetValue<string>());
        var sts = Acs3Signer.StringToSign(canonical);
        sts.Should().Be(v["stringToSign"]!.GetValue<string>());
        var signature = Acs3Signer.Sign(sts, v["accessKeySecret"]!.GetValue<string>());
        signature.Should().Be(v["expectedSignature"]!.GetValue<string>());
        Acs3Signer.Authorization(v["accessKeyId"]!.GetValue<string>(), Acs3Signer.SignedHeaders(headers), signature)
            .Should().Be(v["expectedAuthorization"]!.GetValue<string>());
    }

    [Fact]
    public void SignatureV1_WithSha256_DiffersFromSha1AndIsBase64()
    {
        var sha1 = RpcV1Signer.Sign("GET&%2F&A%3D1", "s");
        var sha256 = RpcV1Signer.Sign("GET&%2F&A%3D1", "s", "HMAC-SHA256");
        Convert.FromBase64String(sha1).Should().HaveCount(20);
        Convert.FromBase64String(sha256).Should().HaveCount(32);
    }
}
