using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using VirtualOperator.Emulator.Hosting;

namespace VirtualOperator.Emulator.Tests.Hosting;

/// <summary>Listening beyond loopback (the Docker image's 0.0.0.0) without a control token: the emulator refuses to start.</summary>
public sealed class ControlTokenStartupTests
{
    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://[::]:0")]
    public async Task NonLoopbackWithoutAToken_RefusesToStart_SayingWhatToSet(string url)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "VirtualOperator.Emulator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--urls", url }) start.ArgumentList.Add(a);
        start.Environment.Remove("Emulator__ControlToken");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new InvalidOperationException($"the emulator started on {url} without a token:\n{await stdout}"); }

        process.ExitCode.Should().Be(2);
        (await stderr).Should().Contain("will not start").And.Contain("--control-token").And.Contain("Emulator__ControlToken");
        (await stdout).Should().NotContain("listening on");
    }

    [Theory]
    [InlineData("http://127.0.0.1:4590", true)]
    [InlineData("http://localhost:4590", true)]
    [InlineData("http://[::1]:4590", true)]
    [InlineData("http://127.8.9.10:1", true)]
    [InlineData("http://unix:/tmp/vo.sock", true)]
    [InlineData("http://0.0.0.0:4590", false)]
    [InlineData("http://+:4590", false)]
    [InlineData("https://emulator.example:443", false)]
    [InlineData("http://10.0.0.5:4590", false)]
    public void LoopbackUrls(string url, bool loopback) => ControlTokenRequirement.IsLoopbackUrl(url).Should().Be(loopback);

    [Fact]
    public void ATokenOrLoopbackOnly_MayStart()
    {
        static Microsoft.Extensions.Configuration.IConfiguration Config(params (string, string)[] kv) =>
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(kv.ToDictionary(p => p.Item1, p => (string?)p.Item2)).Build();
        ControlTokenRequirement.Check(Config(("urls", "http://0.0.0.0:4590"), ("Emulator:ControlToken", "t"))).Should().BeNull();
        ControlTokenRequirement.Check(Config(("urls", "http://127.0.0.1:4590;http://localhost:4591"))).Should().BeNull();
        ControlTokenRequirement.Check(Config(("urls", "http://127.0.0.1:4590"), ("Kestrel:Endpoints:Open:Url", "http://0.0.0.0:4591"))).Should().Contain("0.0.0.0:4591");
    }
}
