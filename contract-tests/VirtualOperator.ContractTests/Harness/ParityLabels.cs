using System.Reflection;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>The rules that keep the parity labels honest: [Validated] only with a recording from the real cloud.</summary>
public static class ParityLabels
{
    /// <summary>Every [Validated] test whose recording does not say <c>recordedFrom: real</c>, with why.</summary>
    public static IEnumerable<string> Problems(IEnumerable<MethodInfo> tests, Func<string, string?> recordedFrom) =>
        from m in tests
        let traits = ContractTraits.Of(m).Traits
        where traits?.Parity is ValidatedAttribute
        let id = $"{TestContext.ClassKey(m.DeclaringType!)}.{m.Name}"
        let source = recordedFrom(id)
        where !Recording.ReplayFiles.IsFromReal(source)
        select $"{id} is [Validated] but its recording {(source is null ? "does not exist" : $"came from '{source}'")}: " +
               "[Validated] means compared with the real cloud (recordedFrom: real in fixtures/replay/recorded-from.json); label it [ParityCandidate].";
}
