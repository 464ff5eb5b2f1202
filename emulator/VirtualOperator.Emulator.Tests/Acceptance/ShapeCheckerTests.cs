using System.Text.Json.Nodes;

namespace VirtualOperator.Emulator.Tests.Acceptance;

/// <summary>The checker itself must catch what the Tea SDKs reject, or the shape test proves nothing.</summary>
public sealed class ShapeCheckerTests
{
    private static readonly JsonNode Shape = JsonNode.Parse("""
        {"Success":"boolean","Data":{"OrderId":"number","List":{"Item":[{"Code":"string"}]},"Ext":{"$map":"string"}}}
        """)!;

    [Fact]
    public void MatchingAnswer_HasNoProblems() =>
        ShapeChecker.Check(Shape, JsonNode.Parse("""
            {"Success":true,"Data":{"OrderId":12,"List":{"Item":[{"Code":"a"}]},"Ext":{"k":"v","z":"w"}}}
            """)).Should().BeEmpty();

    [Fact]
    public void WrongTypesMissingExtraAndEmptyLists_AreAllReported()
    {
        var problems = ShapeChecker.Check(Shape, JsonNode.Parse("""
            {"Success":"true","Data":{"OrderId":"12","List":{"Item":{"Code":"a"}},"Ext":{"k":1}},"Surprise":1}
            """)).Select(p => p.ToString());
        problems.Should().BeEquivalentTo(
            "$.Success: type (expected boolean, got string)",
            "$.Data.OrderId: type (expected number, got string)",
            "$.Data.List.Item: type (expected array, got object)",
            "$.Data.Ext.k: type (expected string, got number)",
            "$.Surprise: extra (not in the catalog shape)");
        ShapeChecker.Check(Shape, JsonNode.Parse("""{"Success":true,"Data":{"List":{"Item":[]},"Ext":{}}}"""))
            .Select(p => p.ToString()).Should().BeEquivalentTo(
                "$.Data.OrderId: missing (number)",
                "$.Data.List.Item: unchecked (empty array, its item shape was not seen)");
    }
}
