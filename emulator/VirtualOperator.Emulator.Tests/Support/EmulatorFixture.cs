namespace VirtualOperator.Emulator.Tests.Support;

/// <summary>One in-process emulator shared by a test class; tests isolate themselves by creating their own partner.</summary>
public sealed class EmulatorFixture : IDisposable
{
    public EmulatorApplication App { get; } = new();
    public void Dispose() => App.Dispose();
}
