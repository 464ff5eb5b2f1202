using System.Reflection;
using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.HarnessTests;

/// <summary>
/// The discovery check over the whole assembly: every test under <c>Products/</c> is a <c>[ContractFact]</c>
/// with exactly one parity trait and a cost trait (a plain <c>[Fact]</c> there would escape the per-target skips).
/// </summary>
public sealed class DiscoveryCheckTests
{
    private static IEnumerable<MethodInfo> ProductTests() =>
        typeof(DiscoveryCheckTests).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("VirtualOperator.ContractTests.Products", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes().Any(a => a is FactAttribute));

    [Fact]
    public void EveryProductTest_IsAContractFactWithParityAndCost()
    {
        var problems = ProductTests()
            .Select(m => m.GetCustomAttribute<ContractFactAttribute>() is null
                ? $"{m.DeclaringType!.Name}.{m.Name} uses [{m.GetCustomAttributes().OfType<FactAttribute>().First().GetType().Name.Replace("Attribute", "")}]; use [ContractFact]."
                : ContractTraits.Of(m).Problem)
            .OfType<string>().ToList();

        ProductTests().Should().NotBeEmpty();
        problems.Should().BeEmpty();
    }

    [Fact]
    public void ATestWithoutParity_IsReported()
    {
        var (_, problem) = ContractTraits.Of(typeof(Samples).GetMethod(nameof(Samples.NoParity))!);
        problem.Should().Contain("exactly one parity trait").And.Contain("found 0");
    }

    [Fact]
    public void ATestWithoutCost_IsReported()
    {
        var (_, problem) = ContractTraits.Of(typeof(Samples).GetMethod(nameof(Samples.NoCost))!);
        problem.Should().Contain("cost trait");
    }

    [Fact]
    public void ClassLevelTraits_AreTheDefault()
    {
        var (traits, problem) = ContractTraits.Of(typeof(ClassLevel).GetMethod(nameof(ClassLevel.Inherits))!);
        problem.Should().BeNull();
        traits!.Parity.Should().BeOfType<EmulatorOnlyAttribute>();
        traits.Cost.Should().Be(Cost.SpendsMoney);
    }

    // Not test classes: methods carrying attributes for the checks above to read.
    private sealed class Samples
    {
        [Cost(Cost.Free)] public void NoParity() { }
        [ParityCandidate] public void NoCost() { }
    }

    [EmulatorOnly("sample"), Cost(Cost.SpendsMoney)]
    private sealed class ClassLevel
    {
        public void Inherits() { }
    }
}
