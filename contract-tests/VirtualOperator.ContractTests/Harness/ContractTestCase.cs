using Xunit.Abstractions;
using Xunit.Sdk;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>
/// A contract test case: skipped with a reason when the run's target cannot or may not run it, and run
/// inside a <see cref="TestContext"/> (so the harness knows which test a call belongs to) with its
/// outcome recorded for the per-target report.
/// </summary>
public sealed class ContractTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes", error: true)]
    public ContractTestCase() { }

    public ContractTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, displayOptions, testMethod) { }

    protected override string? GetSkipReason(IAttributeInfo factAttribute)
    {
        var (traits, _) = ContractTraits.Of(TestMethod.Method.ToRuntimeMethod());
        var (settings, _) = ContractRun.TrySettings();
        // A configuration error is not a reason to skip: the test runs and fails saying what to set.
        return traits is null || settings is null ? base.GetSkipReason(factAttribute) : traits.SkipReason(settings);
    }

    public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        var method = TestMethod.Method.ToRuntimeMethod();
        using var _ = TestContext.Enter(new TestContext(method.DeclaringType!.Name, method.Name, DisplayName));
        return await base.RunAsync(diagnosticMessageSink, new ReportingMessageBus(messageBus), constructorArguments, aggregator, cancellationTokenSource);
    }
}
