using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Protocol.Pipeline;

namespace VirtualOperator.Emulator.Tests.Protocol;

public sealed class RequestJournalTests
{
    private static JournalEntry Entry(string partner, int n) =>
        new(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, partner, null, "P", "A", 200, "", n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task ClearOfOnePartner_WhileAnotherLogs_KeepsEveryEntryOfTheOther()
    {
        var journal = new RequestJournal(Options.Create(new EmulatorOptions { JournalSize = 1_000_000 }));
        for (var i = 0; i < 2000; i++) journal.Add(Entry("a", i));
        const int logged = 60_000;
        var logging = Task.Run(() =>
        {
            for (var i = 0; i < logged; i++) journal.Add(Entry("b", i));
        });
        // Clears of partner a, as many as fit while b logs; each takes a's entries out and must leave b's alone.
        var clearing = Task.Run(() =>
        {
            while (!logging.IsCompleted)
            {
                journal.Add(Entry("a", -1));
                journal.Clear("a");
            }
        });
        await Task.WhenAll(logging, clearing);

        var kept = journal.Recent(int.MaxValue, "b");
        kept.Should().HaveCount(logged, "a clear of partner a never drops partner b's entries");
        kept.Select(e => e.RequestId).Should().Equal(Enumerable.Range(0, logged).Reverse().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
