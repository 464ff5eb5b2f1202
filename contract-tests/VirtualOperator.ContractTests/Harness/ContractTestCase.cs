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
        var method = TestMethod.Method.ToRuntimeMethod();
        var (traits, _) = ContractTraits.Of(method);
        var (settings, _) = ContractRun.TrySettings();
        // A configuration error is not a reason to skip: the test runs and fails saying what to set.
        if (traits is null || settings is null) return base.GetSkipReason(factAttribute);
        if (traits.SkipReason(settings) is { } reason) return reason;
        var classKey = TestContext.ClassKey(method.DeclaringType!);
        if (settings.Kind == Targets.TargetKind.Replay && !Recording.ReplayFiles.Has(classKey, method.Name))
            return $"Not recorded: no {Path.GetRelativePath(RepoPaths.Root, Recording.ReplayFiles.PathFor(classKey, method.Name))}; record it with scripts/record.sh.";
        return null;
    }

    public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        var method = TestMethod.Method.ToRuntimeMethod();
        var test = TestContext.For(method, DisplayName);
        using var _ = TestContext.Enter(test);
        var summary = await base.RunAsync(diagnosticMessageSink, new ReportingMessageBus(messageBus), constructorArguments, aggregator, cancellationTokenSource);
        // Failed tests are recorded too: the recording is what the cloud answered, right or wrong for the test.
        if (summary.Skipped == 0) ContractRun.AfterTest(test);
        return summary;
    }
}
