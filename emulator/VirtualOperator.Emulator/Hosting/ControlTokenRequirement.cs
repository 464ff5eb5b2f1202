using VirtualOperator.Emulator.ControlPlane;

namespace VirtualOperator.Emulator.Hosting;

/// <summary>
/// An emulator reachable from other machines (the Docker image listens on 0.0.0.0) must not hand its control plane,
/// with every partner's secret and a reset button, to whoever can reach the port: it needs a control token to start.
/// </summary>
public static class ControlTokenRequirement
{
    /// <summary>The start-up refusal, or null when the emulator may start.</summary>
    public static string? Check(IConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(configuration[$"{EmulatorOptions.Section}:{nameof(EmulatorOptions.ControlToken)}"])) return null;
        var open = ListenUrls(configuration).Where(u => !IsLoopbackUrl(u)).ToList();
        if (open.Count == 0) return null;
        return $"VirtualOperator.Emulator will not start: it would listen beyond this machine ({string.Join(", ", open)}) " +
               "with its control plane (/_emulator: every partner's secret, clock, faults, reset) open to anyone who reaches the port. " +
               "Give it a token with --control-token TOKEN or the environment variable Emulator__ControlToken=TOKEN " +
               "(control-plane calls then send 'Authorization: Bearer TOKEN'), or listen on loopback only (--urls http://127.0.0.1:4590).";
    }

    /// <summary>What Kestrel will bind: <c>--urls</c> / <c>ASPNETCORE_URLS</c> and any <c>Kestrel:Endpoints:*:Url</c>.</summary>
    public static IEnumerable<string> ListenUrls(IConfiguration configuration)
    {
        foreach (var u in (configuration[WebHostDefaults.ServerUrlsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            yield return u;
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
            if (endpoint["Url"] is { Length: > 0 } url) yield return url;
    }

    /// <summary>Kestrel binds every interface for <c>*</c>, <c>+</c>, 0.0.0.0, [::] and any host name but localhost.</summary>
    public static bool IsLoopbackUrl(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase)) return true; // a socket file on this machine
        rest = rest.Split('/')[0];
        var host = rest.StartsWith('[') ? rest[..(rest.IndexOf(']') + 1)] : rest.Split(':')[0];
        return ControlPlaneGuard.IsLoopback(host);
    }
}
