using Xunit.Abstractions;
using Xunit.Sdk;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>Forwards every message and notes each test's outcome for <see cref="ContractReport"/>.</summary>
internal sealed class ReportingMessageBus(IMessageBus inner) : IMessageBus
{
    public bool QueueMessage(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestPassed p: ContractReport.Record(p.Test, "passed", null, p.ExecutionTime); break;
            case ITestFailed f: ContractReport.Record(f.Test, "failed", string.Join(Environment.NewLine, f.Messages), f.ExecutionTime); break;
            case ITestSkipped s: ContractReport.Record(s.Test, "skipped", s.Reason, 0); break;
        }
        return inner.QueueMessage(message);
    }

    // The inner bus belongs to xunit; it disposes it.
    public void Dispose() { }
}
