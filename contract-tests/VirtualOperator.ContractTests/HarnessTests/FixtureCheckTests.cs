using System.Reflection;
using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.HarnessTests;

/// <summary>
/// Every recording and snapshot under fixtures/ belongs to a contract test that exists: a renamed or moved
/// test leaves orphans the replay target would silently stop using.
/// </summary>
public sealed class FixtureCheckTests
{
    private static readonly HashSet<string> TestFiles = typeof(FixtureCheckTests).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<ContractFactAttribute>() is not null)
        .Select(m => Path.Combine(TestContext.ClassFolder(TestContext.ClassKey(m.DeclaringType!)), m.Name + ".json"))
        .ToHashSet(StringComparer.Ordinal);

    [Theory]
    [InlineData("replay")]
    [InlineData("snapshots")]
    public void EveryFixtureFile_BelongsToAContractTest(string folder)
    {
        var root = Path.Combine(RepoPaths.Fixtures, folder);
        var orphans = Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f))
                .Where(f => f != "data-tags.json" && f != "recorded-from.json" && !TestFiles.Contains(f))
                .ToList()
            : [];

        orphans.Should().BeEmpty($"each file under fixtures/{folder} is <Product>/<Class>/<Method>.json of an existing [ContractFact]; re-record moved tests with scripts/record.sh and delete the old files");
    }
}
