using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Snapshots;

namespace VirtualOperator.ContractTests.HarnessTests;

/// <summary>Each named normalizer replaces its kind of volatile value and leaves the rest alone.</summary>
public sealed class NormalizerTests
{
    private static JsonNode Apply(string json, string? partnerUid = null, params ISnapshotNormalizer[] normalizers)
    {
        var node = JsonNode.Parse(json)!;
        var context = new NormalizationContext(partnerUid);
        foreach (var n in normalizers.Length == 0 ? Normalizers.Default : normalizers) n.Apply(node, context);
        return node;
    }

    [Fact]
    public void RequestId_ReplacesPropertyAndTheIdInsideRecommend()
    {
        var n = Apply("""{"RequestId":"6704AFD2-2D65-4F2D-86E9-2367BCEBD97F","Recommend":"https://api.aliyun.com/troubleshoot?q=X&requestId=6704AFD2-2D65-4F2D-86E9-2367BCEBD97F","Code":"X"}""",
            null, new Normalizers.RequestIdNormalizer());

        n["RequestId"]!.GetValue<string>().Should().Be("<request-id>");
        n["Recommend"]!.GetValue<string>().Should().Be("https://api.aliyun.com/troubleshoot?q=X&requestId=<request-id>");
        n["Code"]!.GetValue<string>().Should().Be("X");
    }

    [Fact]
    public void AccountUids_PartnerUidAnywhere_AndCustomerUidsNumberedByFirstSight()
    {
        var n = Apply("""{"Mpk":1688000000000001,"Pk":"5809028974552869","UidList":["111","5809028974552869"],"Note":"owner 1688000000000001"}""",
            "1688000000000001", new Normalizers.AccountUidNormalizer());

        n["Mpk"]!.GetValue<string>().Should().Be("<partner-uid> (number)", "a replaced number says it was one");
        n["Pk"]!.GetValue<string>().Should().Be("<uid:1>");
        n["UidList"]!.AsArray().Select(x => x!.GetValue<string>()).Should().Equal("<uid:2>", "<uid:1>");
        n["Note"]!.GetValue<string>().Should().Be("owner <partner-uid>");
    }

    [Fact]
    public void Ids_ReplaceGeneratedIds_KeepVocabularyIds()
    {
        var n = Apply("""{"OrderId":"2024010100001","InstanceIds":["i-abc","i-def","i-abc"],"RegionId":"cn-hangzhou","HostId":"business.aliyuncs.com"}""",
            null, new Normalizers.IdNormalizer());

        n["OrderId"]!.GetValue<string>().Should().Be("<id:1>");
        n["InstanceIds"]!.AsArray().Select(x => x!.GetValue<string>()).Should().Equal("<id:2>", "<id:3>", "<id:2>");
        n["RegionId"]!.GetValue<string>().Should().Be("cn-hangzhou");
        n["HostId"]!.GetValue<string>().Should().Be("business.aliyuncs.com");
    }

    [Theory]
    [InlineData("\"2024-01-01T12:00:00Z\"")]
    [InlineData("\"2024-01-01T12:00Z\"")]
    [InlineData("\"2024-01-01 12:00:00\"")]
    [InlineData("\"2024-01-01T12:00:00.123+08:00\"")]
    public void Times_ReplaceTimestampStrings(string value) =>
        Apply($$"""{"Anything":{{value}}}""", null, new Normalizers.TimeNormalizer())["Anything"]!.GetValue<string>().Should().Be("<time>");

    [Fact]
    public void Times_ReplaceEpochMillisInTimeProperties_KeepDatesAndOtherNumbers()
    {
        var n = Apply("""{"CreateTime":1704110400000,"Amount":1704110400000,"BillingDate":"2024-01-01"}""", null, new Normalizers.TimeNormalizer());

        n["CreateTime"]!.GetValue<string>().Should().Be("<time> (number)");
        n["Amount"]!.GetValue<long>().Should().Be(1704110400000);
        n["BillingDate"]!.GetValue<string>().Should().Be("2024-01-01");
    }

    [Fact]
    public void Default_NormalizesTwoRunsOfTheSameCallToTheSameDocument()
    {
        const string run1 = """{"RequestId":"A-1","AgRelationDto":{"Mpk":"1688000000000001","Pk":"5809028974552869"},"CreatedAt":"2026-11-28T18:58:01Z"}""";
        const string run2 = """{"RequestId":"B-2","AgRelationDto":{"Mpk":"4747564520567739","Pk":"1234567890123456"},"CreatedAt":"2026-11-29T07:00:00Z"}""";

        SnapshotDiff.Diff(Apply(run1, "1688000000000001"), Apply(run2, "4747564520567739")).Should().BeNull();
    }

    [Fact]
    public void Default_StillSeesARealDifference()
    {
        var a = Apply("""{"RequestId":"A","Success":true,"Data":{"IsCertified":false}}""");
        var b = Apply("""{"RequestId":"B","Success":true,"Data":{"IsCertified":"false"}}""");

        SnapshotDiff.Diff(a, b).Should().NotBeNull("a boolean turned string is exactly what the Tea SDKs reject");
    }
}
