using Xunit.Abstractions;
using Xunit.Sdk;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>
/// Parity: how far a test's behaviour is known to match the real cloud. Every contract test carries exactly
/// one (on the method, or on the class as a default); the discovery check fails a test that has none.
/// </summary>
[TraitDiscoverer("VirtualOperator.ContractTests.Harness.ContractTraitDiscoverer", "VirtualOperator.ContractTests")]
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
public abstract class ParityAttribute(string reason) : Attribute, ITraitAttribute
{
    public string Reason { get; } = reason;
    public abstract string Name { get; }
}

/// <summary>
/// Written to pass against the real cloud, not yet seen to: it runs on every target, and its replay recording may
/// come from the emulator standing in for the cloud (<c>scripts/record.sh --stand-in</c>).
/// </summary>
[TraitDiscoverer("VirtualOperator.ContractTests.Harness.ContractTraitDiscoverer", "VirtualOperator.ContractTests")]
public sealed class ParityCandidateAttribute() : ParityAttribute("") { public override string Name => "ParityCandidate"; }

/// <summary>
/// Seen to pass against the real cloud: its replay recording says <c>recordedFrom: real</c>
/// (fixtures/replay/recorded-from.json). <c>ParityLabelTests</c> fails a [Validated] test without one.
/// </summary>
[TraitDiscoverer("VirtualOperator.ContractTests.Harness.ContractTraitDiscoverer", "VirtualOperator.ContractTests")]
public sealed class ValidatedAttribute() : ParityAttribute("") { public override string Name => "Validated"; }

/// <summary>Needs what only the emulator has (virtual clock, faults, fresh partners); skipped against real and replay.</summary>
[TraitDiscoverer("VirtualOperator.ContractTests.Harness.ContractTraitDiscoverer", "VirtualOperator.ContractTests")]
public sealed class EmulatorOnlyAttribute(string reason) : ParityAttribute(reason) { public override string Name => "EmulatorOnly"; }

/// <summary>The emulator is known to differ from the real cloud here; runs against real, skipped on emulator targets.</summary>
[TraitDiscoverer("VirtualOperator.ContractTests.Harness.ContractTraitDiscoverer", "VirtualOperator.ContractTests")]
public sealed class NeedsFixingAttribute(string reason) : ParityAttribute(reason) { public override string Name => "NeedsFixing"; }

/// <summary>What running the test against the real account costs.</summary>
public enum Cost
{
    /// <summary>Reads, or writes that cost nothing and use up nothing.</summary>
    Free,
    /// <summary>Creates a customer: a test account holds at most 20, for good.</summary>
    ConsumesCustomer,
    /// <summary>Places an order, moves quota or otherwise spends money.</summary>
    SpendsMoney,
}

/// <summary>The cost trait; every contract test carries one. Against <c>real</c> only <see cref="Cost.Free"/> runs unless <c>VO_ALLOW_COST</c> allows more.</summary>
[TraitDiscoverer("VirtualOperator.ContractTests.Harness.ContractTraitDiscoverer", "VirtualOperator.ContractTests")]
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
public sealed class CostAttribute(Cost cost) : Attribute, ITraitAttribute
{
    public Cost Cost { get; } = cost;
}

/// <summary>Exposes the traits to filters: <c>--filter Parity=ParityCandidate</c>, <c>--filter Cost=Free</c>.</summary>
public sealed class ContractTraitDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        var attribute = (traitAttribute as IReflectionAttributeInfo)?.Attribute;
        switch (attribute)
        {
            case ParityAttribute p: yield return new("Parity", p.Name); break;
            case CostAttribute c: yield return new("Cost", c.Cost.ToString()); break;
        }
    }
}
