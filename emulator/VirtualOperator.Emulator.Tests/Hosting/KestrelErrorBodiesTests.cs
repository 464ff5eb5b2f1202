using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Browser;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Hosting;

/// <summary>
/// Requests Kestrel refuses before any middleware (a malformed line, an over-long line or header block, an unknown HTTP
/// version) get the emulator's JSON error, on a real Kestrel socket; the emulator's own answers are left as they were.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KestrelErrorBodiesTests : IAsyncLifetime
{
    private EmulatorApplication _app = null!;
    private Uri _base = null!;

    public Task InitializeAsync()
    {
        _app = new EmulatorApplication(settings: new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        _app.UseKestrel(0);
        _app.StartServer();
        _base = _app.CreateClient().BaseAddress!;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    public static TheoryData<string, string, int, string> Refusals => new()
    {
        { "malformed method", "G\u0001T / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400, "MalformedRequest" },
        { "request line over 8 KiB", $"GET /?q={new string('a', 9000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414, "RequestURITooLong" },
        { "headers over 32 KiB", $"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {new string('b', 40_000)}\r\n\r\n", 431, "RequestHeaderFieldsTooLarge" },
        { "unknown HTTP version", "GET / HTTP/1.7\r\nHost: 127.0.0.1\r\n\r\n", 505, "HttpVersionNotSupported" },
        { "header without a colon", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n", 400, "MalformedRequest" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task KestrelRefusal_CarriesTheJsonErrorEnvelope(string what, string request, int status, string code)
    {
        var (head, body) = await SendRawAsync(request);
        head.Should().StartWith($"HTTP/1.1 {status} ", what);
        head.Should().Contain("Content-Type: application/json", what);
        var json = JsonNode.Parse(body)!.AsObject();
        json["Code"]!.ToString().Should().Be(code, what);
        json["RequestId"]!.ToString().Should().NotBeEmpty();
        json["error"]!.ToString().Should().Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        head.Should().Contain($"Content-Length: {Encoding.UTF8.GetByteCount(body)}", "the length announced is the body sent");
    }

    [Fact]
    public async Task EmulatorsOwnAnswers_AreUntouched()
    {
        var (head, body) = await SendRawAsync("GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        head.Should().StartWith("HTTP/1.1 200 ");
        body.Should().NotContain("MalformedRequest");
        var (unsigned, envelope) = await SendRawAsync("GET /?Action=DescribeRegions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        unsigned.Should().MatchRegex("^HTTP/1.1 4");
        envelope.Should().Contain("<Code>MissingParameter</Code>", "an RPC refusal keeps its own envelope");
    }

    private async Task<(string Head, string Body)> SendRawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_base.Host, _base.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var ms = new MemoryStream();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0) ms.Write(buffer, 0, read);
        }
        catch (IOException)
        {
            // Kestrel may reset the connection after a refusal once the answer is out.
        }
        var text = Encoding.UTF8.GetString(ms.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        split.Should().BePositive($"an HTTP answer came back: {text}");
        return (text[..(split + 2)], text[(split + 4)..]);
    }
}
