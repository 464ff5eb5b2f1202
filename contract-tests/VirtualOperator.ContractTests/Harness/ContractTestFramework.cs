using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("VirtualOperator.ContractTests.Harness.ContractTestFramework", "VirtualOperator.ContractTests")]

namespace VirtualOperator.ContractTests.Harness;

/// <summary>
/// xunit's own framework plus one step: the per-target report is written just before the run reports that it
/// has finished (after that the test host may be torn down at any moment, so a process-exit hook could be lost).
/// </summary>
public sealed class ContractTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override Task AfterTestAssemblyStartingAsync()
        {
            ContractReport.RunStarted();
            return base.AfterTestAssemblyStartingAsync();
        }

        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            if (ContractReport.HasEntries) ContractReport.Write();
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
