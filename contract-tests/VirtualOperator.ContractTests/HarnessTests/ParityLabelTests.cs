using System.Reflection;
using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Recording;

namespace VirtualOperator.ContractTests.HarnessTests;

/// <summary>
/// The parity labels say only what was checked: [Validated] needs a recording from the real cloud, every recording
/// says where it came from, and every recorded call is matched on its parameters.
/// </summary>
public sealed class ParityLabelTests
{
    private static IEnumerable<MethodInfo> ContractTests() =>
        typeof(ParityLabelTests).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<ContractFactAttribute>() is not null);

    [Fact]
    public void EveryValidatedTest_HasARecordingFromTheRealCloud()
    {
        var problems = ParityLabels.Problems(ContractTests(), ReplayFiles.RecordedFrom).ToList();
        problems.Should().BeEmpty(string.Join("\n", problems));
    }

    [Fact]
    public void AValidatedTestRecordedFromTheStandIn_OrNotRecorded_IsReported()
    {
        var method = typeof(Sample).GetMethod(nameof(Sample.Checked))!;
        ParityLabels.Problems([method], _ => "emulator stand-in (scripts/record.sh --stand-in)").Should().ContainSingle().Which.Should().Contain("ParityCandidate");
        ParityLabels.Problems([method], _ => null).Should().ContainSingle().Which.Should().Contain("does not exist");
        ParityLabels.Problems([method], _ => "real").Should().BeEmpty();
        ParityLabels.Problems([typeof(Sample).GetMethod(nameof(Sample.Candidate))!], _ => null).Should().BeEmpty();
    }

    [Fact]
    public void EveryRecording_SaysWhereItCameFrom()
    {
        var missing = ReplayFiles.MappingFiles()
            .Select(f => Path.GetRelativePath(RepoPaths.Replay, f))
            .Select(rel => rel[..^".json".Length].Replace(Path.DirectorySeparatorChar, '.'))
            .Where(id => ReplayFiles.RecordedFrom(id) is null).ToList();
        missing.Should().BeEmpty("fixtures/replay/recorded-from.json names the source of every recording (scripts/record.sh writes it)");
    }

    [Fact]
    public void EveryRecordedCall_IsMatchedOnItsParameters()
    {
        var unmatched = ReplayFiles.MappingFiles().SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!.AsArray()
                .Where(m => !m!["Request"]!["Headers"]!.AsArray().Any(h => h!["Name"]!.ToString() == RequestFingerprint.Header))
                .Select(m => $"{Path.GetFileName(f)}: {m!["Title"]}"))
            .ToList();
        unmatched.Should().BeEmpty("replay must match request parameters; re-record with scripts/record.sh");
    }

    private static class Sample
    {
        [Validated, Cost(Cost.Free)] public static void Checked() { }
        [ParityCandidate, Cost(Cost.Free)] public static void Candidate() { }
    }
}
