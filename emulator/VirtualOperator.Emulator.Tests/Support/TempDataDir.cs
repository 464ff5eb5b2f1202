namespace VirtualOperator.Emulator.Tests.Support;

/// <summary>A fresh directory under the system temp path for one test class's data files (<c>vo-NAME-GUID</c>), deleted
/// with the class: the tests of <c>--data</c> each need one, and xunit runs classes in parallel.</summary>
public sealed class TempDataDir(string name) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vo-{name}-{Guid.NewGuid():N}");

    /// <summary>The data file inside it, named as the README's examples name it.</summary>
    public string DataPath => System.IO.Path.Combine(Path, "state.db");

    public void Dispose()
    {
        // Retried: once (2026-12-02, a loaded run, not reproduced in six more) the deletion failed with an IOException
        // right after the class's last emulator was disposed. The tenth failure is thrown.
        for (var attempt = 1; Directory.Exists(Path); attempt++)
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) when (attempt < 10) { Thread.Sleep(50); }
        }
    }
}
