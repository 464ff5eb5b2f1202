using System.Reflection.PortableExecutable;

namespace VirtualOperator.Bench;

/// <summary>
/// How a server's main assembly was built, read from the file rather than trusted from a flag: a ReadyToRun
/// assembly carries a managed native header. Start-up ratios mean something only when both apps say the same here.
/// </summary>
public static class BuildKind
{
    public static string Of(string dll)
    {
        using var pe = new PEReader(File.OpenRead(dll));
        var readyToRun = pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
        return readyToRun ? "ReadyToRun" : "IL only (JIT)";
    }
}
