using System.Text.RegularExpressions;
using VirtualOperator.Emulator.Protocol.Responses;

namespace VirtualOperator.Emulator.Tests.Protocol;

public sealed class RequestIdsTests
{
    [Fact]
    public void New_IsAnUpperCaseVersion4Guid_DifferentEachTime()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => RequestIds.New()).ToList();

        ids.Should().AllSatisfy(id => id.Should().MatchRegex("^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$"));
        ids.Distinct().Should().HaveCount(ids.Count);
    }
}
