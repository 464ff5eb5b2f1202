using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Tests.Browser;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Hosting;

/// <summary>
/// The emulator's socket transport serves a connection inline only while it is the one open: on real loopback sockets,
/// the first connection is inline, one accepted beside it is queued, and once both have closed the next is inline again.
/// Through the emulator on Kestrel: answers on a lone connection and on two at once, and the setting that turns it off.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LoneConnectionTransportTests
{
    [Fact]
    public async Task OnlyAConnectionAcceptedAlone_IsServedInline()
    {
        var transport = new LoneConnectionTransport(NullLoggerFactory.Instance);
        await using var listener = await transport.BindAsync(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.EndPoint).Port;
        port.Should().BePositive("port 0 is bound to a real port, which Kestrel reports as the address");

        var (clientA, a) = await ConnectAsync(listener, port);
        var (clientB, b) = await ConnectAsync(listener, port);
        Inline(a).Should().BeTrue("no other connection was open when it was accepted");
        Inline(b).Should().BeFalse("the first was still open");

        await CloseAsync(clientA, a);
        await CloseAsync(clientB, b);
        await WaitUntil(() => ((LoneConnectionTransport.Listener)listener).Open == 0);

        var (clientC, c) = await ConnectAsync(listener, port);
        Inline(c).Should().BeTrue("both earlier connections have closed");
        await CloseAsync(clientC, c);
    }

    [Fact]
    public async Task APortInUse_IsRefusedAsKestrelRefusesIt()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var transport = new LoneConnectionTransport(NullLoggerFactory.Instance);
            var bind = () => transport.BindAsync(taken.LocalEndpoint).AsTask();
            // Kestrel wraps this one as "Failed to bind to address …: address already in use."
            await bind.Should().ThrowAsync<AddressInUseException>();
        }
        finally { taken.Stop(); }
    }

    [Fact]
    public async Task Emulator_AnswersOnALoneConnectionAndOnTwoAtOnce()
    {
        await using var app = new EmulatorApplication(settings: new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.CreateClient().BaseAddress!;
        app.Services.GetServices<IConnectionListenerFactory>().Last().Should().BeOfType<LoneConnectionTransport>(
            "Kestrel binds with the transport registered last");

        (await HealthOverRawSocket(baseUrl)).Should().StartWith("HTTP/1.1 200 ");
        // Two connections open together: the second is queued; both answer, the first again after the second.
        using var first = await OpenAsync(baseUrl);
        using var second = await OpenAsync(baseUrl);
        (await HealthOn(second)).Should().StartWith("HTTP/1.1 200 ");
        (await HealthOn(first)).Should().StartWith("HTTP/1.1 200 ");
        (await HealthOn(second)).Should().StartWith("HTTP/1.1 200 ");
    }

    [Fact]
    public async Task Setting_TurnsItOff()
    {
        await using var app = new EmulatorApplication(settings: new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Emulator:InlineLoneConnection"] = "false",
        });
        app.UseKestrel(0);
        app.StartServer();
        app.Services.GetServices<IConnectionListenerFactory>().Should().NotContain(f => f is LoneConnectionTransport);
        (await HealthOverRawSocket(app.CreateClient().BaseAddress!)).Should().StartWith("HTTP/1.1 200 ");
    }

    private static bool Inline(ConnectionContext connection) => connection.Items[LoneConnectionTransport.InlineItem] is true;

    private static async Task<(TcpClient Client, ConnectionContext Server)> ConnectAsync(IConnectionListener listener, int port)
    {
        var client = new TcpClient();
        var accept = listener.AcceptAsync().AsTask();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var server = await accept.WaitAsync(TimeSpan.FromSeconds(10));
        return (client, server!);
    }

    /// <summary>The client goes first; the server side completes its pipes as Kestrel does when a request loop ends.</summary>
    private static async Task CloseAsync(TcpClient client, ConnectionContext server)
    {
        client.Dispose();
        await server.Transport.Output.CompleteAsync();
        await server.Transport.Input.CompleteAsync();
        await server.DisposeAsync();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "a closed connection is counted out");
            await Task.Delay(20);
        }
    }

    private static async Task<TcpClient> OpenAsync(Uri baseUrl)
    {
        var client = new TcpClient();
        await client.ConnectAsync(baseUrl.Host, baseUrl.Port);
        return client;
    }

    private static async Task<string> HealthOverRawSocket(Uri baseUrl)
    {
        using var client = await OpenAsync(baseUrl);
        return await HealthOn(client);
    }

    /// <summary>One keep-alive request on the connection, its whole answer read (Content-Length or chunked).</summary>
    private static async Task<string> HealthOn(TcpClient client)
    {
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var text = received.ToString();
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var length = System.Text.RegularExpressions.Regex.Match(text[..end], @"Content-Length: (\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                if (length.Success ? text.Length >= end + 4 + int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                        : text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal)) // chunked: the last chunk is in
                    return text;
            }
            var read = await stream.ReadAsync(buffer, timeout.Token);
            read.Should().BePositive("the connection stays open for the whole answer");
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
