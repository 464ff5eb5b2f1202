namespace VirtualOperator.Emulator.Tests.Protocol.WireTypes;

/// <summary>The checked-in request and response types (emulator/VirtualOperator.Emulator/Api/*.g.cs) are what the catalog says.</summary>
public sealed class GeneratedWireTypesTests
{
    [Fact]
    public void GeneratedWireTypes_MatchTheCatalog()
    {
        var expected = WireTypesGenerator.Generate(File.ReadAllText(Path.Combine(RepoPaths.Root, "fixtures", "api", "catalog.json")));
        var folder = Path.Combine(RepoPaths.Root, WireTypesGenerator.OutputFolder);
        var actual = Directory.GetFiles(folder, "*.g.cs").ToDictionary(f => Path.GetFileName(f)!, f => File.ReadAllText(f).ReplaceLineEndings("\n"));
        if (Environment.GetEnvironmentVariable("VO_UPDATE_WIRE_TYPES") == "1")
        {
            foreach (var stale in actual.Keys.Except(expected.Keys)) File.Delete(Path.Combine(folder, stale));
            foreach (var (file, text) in expected) File.WriteAllText(Path.Combine(folder, file), text);
            return;
        }
        actual.Keys.Should().BeEquivalentTo(expected.Keys, "every RPC product has one generated file: run scripts/gen-wire-types.sh");
        foreach (var (file, text) in expected)
            actual[file].Should().Be(text, $"{file} is generated from fixtures/api/catalog.json: run scripts/gen-wire-types.sh to refresh it");
    }
}
