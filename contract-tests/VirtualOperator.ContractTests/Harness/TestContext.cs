namespace VirtualOperator.ContractTests.Harness;

/// <summary>The contract test now running on this async flow: names its recordings, snapshots and seeded data.</summary>
/// <param name="ClassName">The class under <c>Products</c> with its product folder, <c>BssOpenApi.AccountTests</c>,
/// so two products' <c>AccountTests</c> never share files.</param>
public sealed record TestContext(string ClassName, string MethodName, string DisplayName)
{
    private const string ProductsNamespace = "VirtualOperator.ContractTests.Products.";

    public static TestContext For(System.Reflection.MethodInfo method, string displayName) => new(ClassKey(method.DeclaringType!), method.Name, displayName);

    public static string ClassKey(Type type) =>
        type.FullName is { } full && full.StartsWith(ProductsNamespace, StringComparison.Ordinal) ? full[ProductsNamespace.Length..].Replace('+', '.') : type.Name;

    /// <summary>The class key as a relative folder: <c>BssOpenApi/AccountTests</c>.</summary>
    public static string ClassFolder(string classKey) => Path.Combine(classKey.Split('.'));

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
