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
        if (traits is null || settings is null) return base.GetSkipReason(factAttribute);
        var method = TestMethod.Method.ToRuntimeMethod();
        if (traits.SkipReason(settings) is { } reason) return reason;
        if (settings.Kind == Targets.TargetKind.Replay && !Recording.ReplayFiles.Has(method.DeclaringType!.Name, method.Name))
            return $"Not recorded: no {Path.GetRelativePath(RepoPaths.Root, Recording.ReplayFiles.PathFor(method.DeclaringType!.Name, method.Name))}; record it with scripts/record.sh.";
        return null;
    }

    public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        var method = TestMethod.Method.ToRuntimeMethod();
        var test = new TestContext(method.DeclaringType!.Name, method.Name, DisplayName);
        using var _ = TestContext.Enter(test);
        var summary = await base.RunAsync(diagnosticMessageSink, new ReportingMessageBus(messageBus), constructorArguments, aggregator, cancellationTokenSource);
        if (summary.Skipped == 0) ContractRun.AfterTest(test);
        return summary;
    }
}
