using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Snapshots;

namespace VirtualOperator.ContractTests.HarnessTests;

/// <summary>The snapshot diff: key order never matters, a changed value shows as -/+ lines with context.</summary>
public sealed class SnapshotDiffTests
{
    [Fact]
    public void Equal_IgnoringKeyOrder_IsNull() =>
        SnapshotDiff.Diff(JsonNode.Parse("""{"a":1,"b":{"c":[1,2],"d":"x"}}"""), JsonNode.Parse("""{"b":{"d":"x","c":[1,2]},"a":1}""")).Should().BeNull();

    [Fact]
    public void ChangedValue_ShowsRecordedAndActualLines()
    {
        var diff = SnapshotDiff.Diff(JsonNode.Parse("""{"Code":"200","Success":true}"""), JsonNode.Parse("""{"Code":"200","Success":false}"""));

        diff.Should().StartWith("--- recorded snapshot\n+++ actual response\n");
        diff.Should().Contain("    \"Code\": \"200\",\n-   \"Success\": true\n+   \"Success\": false\n", "the recorded line comes first");
    }

    [Fact]
    public void MissingAndExtraFields_ShowAsRemovedAndAdded()
    {
        var diff = SnapshotDiff.Diff(JsonNode.Parse("""{"Data":{"Mpk":1,"LoginEmail":"a"}}"""), JsonNode.Parse("""{"Data":{"LoginEmail":"a","Extra":true}}"""))!;

        diff.Should().Contain("+     \"Extra\": true,").And.Contain("-     \"Mpk\": 1");
    }

    [Fact]
    public void LongEqualRuns_AreElided()
    {
        var recorded = new JsonObject();
        for (var i = 0; i < 30; i++) recorded[$"k{i:00}"] = i;
        var actual = recorded.DeepClone().AsObject();
        actual["k15"] = -1;

        var diff = SnapshotDiff.Diff(recorded, actual)!;
        var lines = diff.TrimEnd('\n').Split('\n');

        lines.Should().HaveCountLessThan(12, diff);
        lines.Should().Contain("  …");
        diff.Should().Contain("-   \"k15\": 15,").And.Contain("+   \"k15\": -1,").And.Contain("    \"k13\": 13,").And.NotContain("\"k01\"");
    }
}
