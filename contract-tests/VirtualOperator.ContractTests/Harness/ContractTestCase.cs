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
        // Only the parity tests must have a recording (MissingRecording); another one without is skipped, saying so.
        if (traits.Parity is not (ParityCandidateAttribute or ValidatedAttribute) && NoRecording(method) is { } none) return none;
        return null;
    }

    /// <summary>A parity test the replay target runs must have a recording: a missing one fails, it is not skipped.</summary>
    private static string? MissingRecording(System.Reflection.MethodInfo method)
    {
        var (traits, _) = ContractTraits.Of(method);
        return traits?.Parity is ParityCandidateAttribute or ValidatedAttribute ? NoRecording(method) : null;
    }

    private static string? NoRecording(System.Reflection.MethodInfo method)
    {
        var (settings, _) = ContractRun.TrySettings();
        if (settings?.Kind != Targets.TargetKind.Replay) return null;
        var classKey = TestContext.ClassKey(method.DeclaringType!);
        if (Recording.ReplayFiles.Has(classKey, method.Name)) return null;
        return $"Not recorded: no {Path.GetRelativePath(RepoPaths.Root, Recording.ReplayFiles.PathFor(classKey, method.Name))}; " +
               "a parity test must have a recording to run on replay: record it with scripts/record.sh (--stand-in offline).";
    }

    public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        var method = TestMethod.Method.ToRuntimeMethod();
        var test = TestContext.For(method, DisplayName);
        using var _ = TestContext.Enter(test);
        if (MissingRecording(method) is { } missing) aggregator.Add(new InvalidOperationException(missing));
        var summary = await base.RunAsync(diagnosticMessageSink, new ReportingMessageBus(messageBus), constructorArguments, aggregator, cancellationTokenSource);
        // Failed tests are recorded too: the recording is what the cloud answered, right or wrong for the test.
        if (summary.Skipped == 0) ContractRun.AfterTest(test);
        return summary;
    }
}
