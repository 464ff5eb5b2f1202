using System.Text.RegularExpressions;
using VirtualOperator.Emulator.Domain;

namespace VirtualOperator.Emulator.Tests.Domain;

public sealed class UidsTests
{
    /// <summary>16 digits, no leading zero, at most 8999999999999999 (a Tea SDK types OwnerId as a JavaScript number), and
    /// every leading digit the range allows is drawn.</summary>
    [Fact]
    public void Uids_AreSixteenDigitsBelowTheSafeIntegerAndCoverTheRange()
    {
        var uids = Enumerable.Range(0, 20_000).Select(_ => Uids.New()).ToList();
        uids.Should().OnlyContain(u => Regex.IsMatch(u, "^[1-8][0-9]{15}$"));
        uids.Select(u => u[0]).Distinct().Should().HaveCount(8);
        uids.Distinct().Should().HaveCount(uids.Count);
    }
}
