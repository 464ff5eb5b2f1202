using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Snapshots;

namespace VirtualOperator.ContractTests.HarnessTests;

/// <summary>Snapshots are written by the tool, compared after normalizing, and a hand edit is refused.</summary>
public sealed class SnapshotStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vo-snap-").FullName;
    private readonly TestContext _test = new("SnapshotStoreTests", "Sample", "sample");

    private void Match(string json, string partner, bool update) =>
        SnapshotStore.Match(_test, "created", JsonNode.Parse(json)!, partner, null, _dir, update);

    [Fact]
    public void Recorded_ThenAnotherRunOfTheSameCall_Matches()
    {
        Match("""{"RequestId":"A","AgRelationDto":{"Mpk":"1688000000000001","Pk":"5809028974552869"}}""", "1688000000000001", update: true);

        FluentActions.Invoking(() => Match("""{"RequestId":"B","AgRelationDto":{"Mpk":"4747564520567739","Pk":"1111111111111111"}}""", "4747564520567739", update: false))
            .Should().NotThrow();
        File.ReadAllText(SnapshotStore.PathFor("SnapshotStoreTests", "Sample", _dir)).Should().Contain("\"<partner-uid>\"").And.Contain("\"checksum\": \"sha256:");
    }

    [Fact]
    public void ADifference_FailsWithTheDiff()
    {
        Match("""{"Success":true}""", "1", update: true);

        FluentActions.Invoking(() => Match("""{"Success":false}""", "1", update: false)).Should().Throw<SnapshotMismatchException>()
            .WithMessage("Snapshot \"created\" of SnapshotStoreTests.Sample differs*-   \"Success\": true*+   \"Success\": false*");
    }

    [Fact]
    public void AHandEditedFile_IsRefused()
    {
        Match("""{"Success":true}""", "1", update: true);
        var path = SnapshotStore.PathFor("SnapshotStoreTests", "Sample", _dir);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"Success\": true", "\"Success\": false", StringComparison.Ordinal));

        FluentActions.Invoking(() => Match("""{"Success":false}""", "1", update: false)).Should().Throw<SnapshotMismatchException>().WithMessage("*edited by hand*");
    }

    [Fact]
    public void NoSnapshot_FailsSayingHowToRecord() =>
        FluentActions.Invoking(() => Match("""{"Success":true}""", "1", update: false)).Should().Throw<SnapshotMismatchException>().WithMessage("*scripts/record.sh*");

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
