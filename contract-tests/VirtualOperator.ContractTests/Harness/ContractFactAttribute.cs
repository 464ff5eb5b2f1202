using Xunit.Sdk;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>
/// A contract test: like <c>[Fact]</c>, but the harness checks its traits at discovery and decides, for the
/// run's target, whether it runs or is skipped (and says why). Use it instead of <c>[Fact]</c> in this project.
/// </summary>
[XunitTestCaseDiscoverer("VirtualOperator.ContractTests.Harness.ContractFactDiscoverer", "VirtualOperator.ContractTests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ContractFactAttribute : FactAttribute;
