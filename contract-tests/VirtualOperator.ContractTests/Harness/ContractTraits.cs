using System.Reflection;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>A test method's parity and cost, read from the method or, failing that, its class.</summary>
public sealed record ContractTraits(ParityAttribute Parity, Cost Cost)
{
    /// <summary>The traits, or the problem that makes them unusable (no parity trait, no cost trait).</summary>
    public static (ContractTraits? Traits, string? Problem) Of(MethodInfo method)
    {
        var parity = method.GetCustomAttributes<ParityAttribute>().ToList();
        if (parity.Count == 0) parity = method.DeclaringType!.GetCustomAttributes<ParityAttribute>().ToList();
        var cost = method.GetCustomAttribute<CostAttribute>() ?? method.DeclaringType!.GetCustomAttribute<CostAttribute>();
        var name = $"{method.DeclaringType!.Name}.{method.Name}";
        if (parity.Count != 1)
            return (null, $"{name} must carry exactly one parity trait ([ParityCandidate], [Validated], [EmulatorOnly(\"why\")] or [NeedsFixing(\"why\")]), found {parity.Count}.");
        if (cost is null)
            return (null, $"{name} must carry a cost trait ([Cost(Cost.Free)], [Cost(Cost.ConsumesCustomer)] or [Cost(Cost.SpendsMoney)]).");
        return (new ContractTraits(parity[0], cost.Cost), null);
    }

    /// <summary>Why this test does not run against the target, or null when it runs.</summary>
    public string? SkipReason(Targets.TargetSettings settings) => settings.Kind switch
    {
        Targets.TargetKind.InProcess or Targets.TargetKind.Url when Parity is NeedsFixingAttribute =>
            $"NeedsFixing on emulator targets: {Parity.Reason}",
        Targets.TargetKind.Real or Targets.TargetKind.Replay when Parity is EmulatorOnlyAttribute =>
            $"EmulatorOnly, not run against {settings.Kind.ToString().ToLowerInvariant()}: {Parity.Reason}",
        Targets.TargetKind.Real when !settings.AllowCost.Allows(Cost) =>
            $"Cost {Cost}: not run against the real account unless {Targets.TargetSettings.AllowCostVar} allows it ({(Cost == Cost.ConsumesCustomer ? "customers" : "money")}).",
        _ => null,
    };
}
