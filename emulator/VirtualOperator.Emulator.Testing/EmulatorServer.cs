using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using VirtualOperator.Emulator.Hosting;

namespace VirtualOperator.Emulator.Testing;

/// <summary>
/// One running emulator: hosted in this process, a child process, or one already running. <see cref="SharedAsync"/>
/// starts one per test run (partners keep test classes apart, so they can share it) and stops it when the process exits.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication? _app;
    private readonly Process? _process;

    private EmulatorServer(Uri baseUrl, EmulatorMode mode, string? token, WebApplication? app, Process? process)
    {
        BaseUrl = baseUrl;
        Mode = mode;
        _app = app;
        _process = process;
        Control = new EmulatorControl(ControlClient(baseUrl, token), null);
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>What an SDK's <c>endpoint</c> takes: <c>127.0.0.1:41234</c> (with <c>protocol: http</c>).</summary>
    public string Endpoint => $"{BaseUrl.Host}:{BaseUrl.Port}";

    public EmulatorMode Mode { get; }

    /// <summary>The control plane, global: every partner's clock, faults, journal; resets; bundle import.</summary>
    public EmulatorControl Control { get; }

    private static readonly Lazy<Task<EmulatorServer>> Shared = new(() => StartSharedAsync());

    /// <summary>The emulator of this test run, started at the first call from <see cref="EmulatorServerOptions.FromEnvironment"/>.</summary>
    public static Task<EmulatorServer> SharedAsync() => Shared.Value;

    private static async Task<EmulatorServer> StartSharedAsync()
    {
        var server = await StartAsync(EmulatorServerOptions.FromEnvironment());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }

    /// <summary>Starts (or attaches to) an emulator; dispose it to stop it.</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorServerOptions options)
    {
        switch (options.Mode)
        {
            case EmulatorMode.Attach:
            {
                var url = options.Url ?? throw new InvalidOperationException("Attach mode needs a Url (EMULATOR_URL).");
                await WaitHealthyAsync(url, options, null);
                return new EmulatorServer(url, options.Mode, options.ControlToken, null, null);
            }
            case EmulatorMode.InProcess:
            {
                string[] args = ["--urls", "http://127.0.0.1:0", "--log-level", "Warning", .. options.Arguments];
                if (options.ControlToken is { } token) args = [.. args, "--control-token", token];
                var (app, readiness) = EmulatorHost.Build(args);
                await app.StartAsync();
                await readiness.Ready;
                var url = new Uri(EmulatorHost.Addresses(app).First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
                return new EmulatorServer(url, options.Mode, options.ControlToken, app, null);
            }
            case EmulatorMode.Process:
            {
                var port = FreePort();
                var start = new ProcessStartInfo(options.Command)
                {
                    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                };
                foreach (var a in options.Arguments) start.ArgumentList.Add(a);
                start.ArgumentList.Add("--port");
                start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (options.ControlToken is { } token) start.Environment["Emulator__ControlToken"] = token;
                var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {options.Command}.");
                var log = new StringBuilder();
                process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
                process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                var url = new Uri($"http://127.0.0.1:{port}/");
                try { await WaitHealthyAsync(url, options, process); }
                catch (Exception e)
                {
                    if (!process.HasExited) process.Kill(entireProcessTree: true);
                    lock (log) throw new InvalidOperationException($"{e.Message}\n{options.Command} printed:\n{log}", e);
                }
                return new EmulatorServer(url, options.Mode, options.ControlToken, null, process);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(options));
        }
    }

    /// <summary>A new partner of its own (uid, AccessKey pair), isolated from every other partner's state, clock and faults.</summary>
    public async Task<EmulatorPartner> CreatePartnerAsync(string? name = null, bool testAccount = true)
    {
        var r = await Control.Http.PostAsJsonAsync("_emulator/partners", new { name, testAccount });
        await EmulatorControl.EnsureOk(r);
        var p = (await r.Content.ReadFromJsonAsync<PartnerCredentials>(EmulatorControl.Json))!;
        return new EmulatorPartner(this, p, new EmulatorControl(Control.Http, p.Uid));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    private static HttpClient ControlClient(Uri baseUrl, string? token)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task WaitHealthyAsync(Uri url, EmulatorServerOptions options, Process? process)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + options.StartTimeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (process is { HasExited: true }) throw new InvalidOperationException($"The emulator exited with code {process.ExitCode} before it was healthy.");
            try
            {
                var r = await http.GetAsync("_emulator/health");
                if (r.StatusCode == HttpStatusCode.OK) return;
                last = new HttpRequestException($"health answered {(int)r.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { last = e; }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No healthy emulator at {url} after {options.StartTimeout.TotalSeconds:0} s: {last?.Message}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
