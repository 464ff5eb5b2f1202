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

    [Fact]
    public void New_FromManyThreadsAtOnce_NeverRepeats()
    {
        // Each thread draws from its own pool of random bytes, refilled every 256 ids: more than that per thread, at once.
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 1000; i++) ids.Add(RequestIds.New());
        });
        ids.Distinct().Should().HaveCount(8000);
    }
}
