namespace VirtualOperator.ContractTests.Harness;

/// <summary>The contract test now running on this async flow: names its recordings, snapshots and seeded data.</summary>
public sealed record TestContext(string ClassName, string MethodName, string DisplayName)
{
    private static readonly AsyncLocal<TestContext?> CurrentTest = new();

    /// <summary>The running test; null outside a <c>[ContractFact]</c> (fixtures, plain unit tests).</summary>
    public static TestContext? Current => CurrentTest.Value;

    /// <summary><c>Class.Method</c>: stable across runs, used as the file name of snapshots and recordings.</summary>
    public string Id => $"{ClassName}.{MethodName}";

    private int _calls;

    /// <summary>Numbers this test's calls 1, 2, 3…: a recording is replayed call by call.</summary>
    public int NextCall() => Interlocked.Increment(ref _calls);

    public static IDisposable Enter(TestContext test)
    {
        var previous = CurrentTest.Value;
        CurrentTest.Value = test;
        return new Restore(previous);
    }

    private sealed class Restore(TestContext? previous) : IDisposable
    {
        public void Dispose() => CurrentTest.Value = previous;
    }
}
