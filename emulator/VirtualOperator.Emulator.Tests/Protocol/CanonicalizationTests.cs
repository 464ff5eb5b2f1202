using VirtualOperator.Emulator.Protocol.Parsing;
using VirtualOperator.Emulator.Protocol.Signing;

namespace VirtualOperator.Emulator.Tests.Protocol;

public sealed class CanonicalizationTests
{
    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("*", "%2A")]
    [InlineData("~", "~")]
    [InlineData("+", "%2B")]
    [InlineData("!'()", "%21%27%28%29")]
    [InlineData("-_.", "-_.")]
    [InlineData("", "")]
    [InlineData("中文", "%E4%B8%AD%E6%96%87")]
    [InlineData("é", "%C3%A9")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("a/b:c=d&e", "a%2Fb%3Ac%3Dd%26e")]
    public void Encode_Value_UsesRfc3986UpperHex(string raw, string expected) =>
        AcsPercentEncoding.Encode(raw).Should().Be(expected);

    [Fact]
    public void Parse_WireTextOfOpenApiCore_DecodesUnescapedSpecials()
    {
        // openapi-core leaves * ( ) ! unencoded on the wire; the server decodes, then re-encodes canonically.
        var pairs = QueryParser.Parse("?OutBizId=biz%201*(x)!~&Empty=&Flag&Plus=a+b&Enc=%2B");
        pairs.Should().Equal(
            new KeyValuePair<string, string>("OutBizId", "biz 1*(x)!~"),
            new KeyValuePair<string, string>("Empty", ""),
            new KeyValuePair<string, string>("Flag", ""),
            new KeyValuePair<string, string>("Plus", "a b"),
            new KeyValuePair<string, string>("Enc", "+"));
        RpcSignatureV1.CanonicalizedQuery(pairs).Should().Be("Empty=&Enc=%2B&Flag=&OutBizId=biz%201%2A%28x%29%21~&Plus=a%20b");
    }

    [Fact]
    public void CanonicalizedQuery_SortsByOrdinalCodeUnits_UpperBeforeLower()
    {
        var pairs = new Dictionary<string, string> { ["b"] = "1", ["B"] = "2", ["a"] = "3", ["Z"] = "4" };
        RpcSignatureV1.CanonicalizedQuery(pairs).Should().Be("B=2&Z=4&a=3&b=1");
    }

    [Fact]
    public void CanonicalizedQuery_ListStyleKeys_SortAsPlainStrings()
    {
        var pairs = new Dictionary<string, string>
        {
            ["ModuleList.2.ModuleCode"] = "B", ["ModuleList.10.ModuleCode"] = "J", ["ModuleList.1.Config"] = "Region:cn-hangzhou",
            ["ModuleList.1.ModuleCode"] = "Region",
        };
        RpcSignatureV1.CanonicalizedQuery(pairs).Should().Be(
            "ModuleList.1.Config=Region%3Acn-hangzhou&ModuleList.1.ModuleCode=Region&ModuleList.10.ModuleCode=J&ModuleList.2.ModuleCode=B");
    }

    [Fact]
    public void CanonicalizedQuery_RepeatedKey_KeepsEveryValueInArrivalOrder()
    {
        var pairs = new List<KeyValuePair<string, string>> { new("Tag", "b"), new("A", "x"), new("Tag", "a") };
        RpcSignatureV1.CanonicalizedQuery(pairs).Should().Be("A=x&Tag=b&Tag=a");
        Acs3Signature.CanonicalQuery(pairs).Should().Be("A=x&Tag=b&Tag=a");
    }

    [Fact]
    public void CanonicalizedQuery_LeavesOutSignature()
    {
        var pairs = new Dictionary<string, string> { ["Signature"] = "x", ["A"] = "1" };
        RpcSignatureV1.CanonicalizedQuery(pairs).Should().Be("A=1");
    }

    [Fact]
    public void StructList_FlattenedParameters_GroupByIndex()
    {
        var p = new ActionParameters(new Dictionary<string, string>
        {
            ["ModuleList.2.ModuleCode"] = "Bandwidth", ["ModuleList.1.ModuleCode"] = "Region", ["ModuleList.1.Config"] = "Region:cn-hangzhou",
            ["Ids.1"] = "a", ["Ids.2"] = "b",
        });
        var list = p.StructList("ModuleList");
        list.Should().HaveCount(2);
        list[0]["ModuleCode"].Should().Be("Region");
        list[0]["Config"].Should().Be("Region:cn-hangzhou");
        list[1]["ModuleCode"].Should().Be("Bandwidth");
        p.StringList("Ids").Should().Equal("a", "b");
    }

    [Fact]
    public void Sign_V1HmacSha256_DiffersFromSha1AndIsBase64()
    {
        var sha1 = RpcSignatureV1.Sign("GET&%2F&A%3D1", "secret");
        var sha256 = RpcSignatureV1.Sign("GET&%2F&A%3D1", "secret", RpcSignatureV1.HmacSha256);
        Convert.FromBase64String(sha1).Should().HaveCount(20);
        Convert.FromBase64String(sha256).Should().HaveCount(32);
    }
}
