using Xunit.Abstractions;
using Xunit.Sdk;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>
/// Discovery check and per-target skip: a <c>[ContractFact]</c> without exactly one parity trait and a cost
/// trait becomes a failing test case naming what is missing; the others become <see cref="ContractTestCase"/>s.
/// </summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var (_, problem) = ContractTraits.Of(testMethod.Method.ToRuntimeMethod());
        if (problem is not null)
            return [new ExecutionErrorTestCase(diagnosticMessageSink, display, displayOptions, testMethod, "Discovery check: " + problem)];
        return [new ContractTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
