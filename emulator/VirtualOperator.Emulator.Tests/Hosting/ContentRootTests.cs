using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace VirtualOperator.Emulator.Tests.Hosting;

/// <summary>
/// The emulator started as <c>dotnet path/to/VirtualOperator.Emulator.dll</c> from another working directory reads its own
/// appsettings.json (issue 11, item 8): its log levels keep ASP.NET Core's per-request lines out of the output.
/// </summary>
public sealed class ContentRootTests
{
    /// <summary>The Release (or Debug) build of the emulator next to this test build.</summary>
    public static string EmulatorDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name; // bin/<configuration>/net10.0
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "VirtualOperator.Emulator.sln"))) root = root.Parent;
        return Path.Combine(root!.FullName, "emulator", "VirtualOperator.Emulator", "bin", configuration, here.Name, "VirtualOperator.Emulator.dll");
    }

    [Fact]
    public async Task StartedFromAnotherDirectory_ReadsItsOwnAppSettings()
    {
        var cwd = Directory.CreateTempSubdirectory("vo-cwd-");
        try
        {
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = cwd.FullName, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in new[] { EmulatorDll(), "--urls", "http://127.0.0.1:0" }) info.ArgumentList.Add(a);
            // Only the emulator's appsettings.json may set the log levels here.
            foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)).ToList())
                info.Environment.Remove(key);
            info.Environment.Remove("ASPNETCORE_URLS");
            using var process = Process.Start(info)!;
            var output = new StringBuilder();
            var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (output) output.AppendLine(e.Data);
                if (Regex.Match(e.Data, @"listening on (http://127\.0\.0\.1:\d+)") is { Success: true } m) url.TrySetResult(m.Groups[1].Value);
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                var started = await Task.WhenAny(url.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
                started.Should().BeSameAs(url.Task, "the emulator starts from any directory; it printed:\n{0}", output);

                using var http = new HttpClient { BaseAddress = new Uri(await url.Task) };
                for (var i = 0; i < 3; i++) (await http.GetAsync("/_emulator/health")).EnsureSuccessStatusCode();
            }
            finally
            {
                // A graceful stop flushes the console logger, so every line it was given is in the output.
                if (!process.HasExited) await Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExitAsync();
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            string text;
            lock (output) text = output.ToString();
            text.Should().Contain("listening on");
            text.Should().NotContain("Request starting", "appsettings.json sets Microsoft.AspNetCore to Warning; the output was:\n{0}", text);
        }
        finally
        {
            cwd.Delete(recursive: true);
        }
    }
}
