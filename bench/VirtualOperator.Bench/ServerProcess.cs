using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VirtualOperator.Bench;

/// <summary>
/// One server under test in its own process (<c>dotnet app.dll ... --urls http://127.0.0.1:PORT</c>), so the
/// load generator never shares a heap or a GC with it. Start-up is timed from just before the process is
/// started to the first 200 from <c>/_emulator/health</c>.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly long _startedAt;
    private readonly System.Text.StringBuilder _output = new();

    public string Name { get; }
    public Uri BaseUri { get; }
    public int Pid => _process.Id;

    private ServerProcess(string name, Process process, long startedAt, Uri baseUri)
    {
        Name = name;
        _process = process;
        _startedAt = startedAt;
        BaseUri = baseUri;
    }

    public static ServerProcess Start(string name, string dll, params string[] args)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"{name}: {dll} is not built (run scripts/bench.sh, which builds Release).", dll);
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment.Remove("ASPNETCORE_URLS");
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"{name}: could not start dotnet.");
        var server = new ServerProcess(name, process, started, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => server.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls health until the first 200; returns milliseconds since the process was started.</summary>
    public async Task<double> WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var health = new Uri(BaseUri, "/_emulator/health");
        while (Stopwatch.GetTimestamp() < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var resp = await client.GetAsync(health);
                if (resp.StatusCode == HttpStatusCode.OK)
                    return (Stopwatch.GetTimestamp() - _startedAt) * 1000.0 / Stopwatch.Frequency;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            // One probe slower than its 5 s (a loaded CI machine) is not a failure; the overall timeout decides.
            catch (TaskCanceledException) { }
            await Task.Delay(2);
        }
        throw new TimeoutException($"{Name} was not healthy within {timeout}:\n{Output}");
    }

    /// <summary>Resident set size (VmRSS) of the server process, in bytes.</summary>
    public long RssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException("VmRSS not found.");
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    private void Capture(string? line)
    {
        if (line is null) return;
        lock (_output) if (_output.Length < 64 * 1024) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
