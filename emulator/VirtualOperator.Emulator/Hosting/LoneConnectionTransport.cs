using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace VirtualOperator.Emulator.Hosting;

/// <summary>
/// Kestrel's socket transport (its own listen socket and connection factory, public API), choosing for each accepted
/// connection how its work is scheduled. A connection accepted while no other is open (a test or a script making one
/// call after another, the usual client of an emulator) is served inline: its request runs on the thread-pool thread
/// that completed the receive and its answer is sent from there, without Kestrel's hand-offs to its I/O queues and back
/// to the pool, which on a 2-core machine were about a fifth of a 1-connection round trip. A connection accepted while
/// another is open goes through the I/O queues as Kestrel's default does: served that way, all connections inline
/// cost about a tenth of the throughput at 8 connections (docs/performance.md, "A lone connection served inline").
/// Socket completions still reach the thread pool from the socket engine's own thread, so a slow call never holds up
/// another connection's I/O. Endpoints that are not IP (a Unix socket) keep Kestrel's own transport.
/// Off with <c>Emulator__InlineLoneConnection=false</c> (or <c>--Emulator:InlineLoneConnection false</c>).
/// </summary>
public sealed class LoneConnectionTransport(ILoggerFactory loggers) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    /// <summary>Set on <see cref="ConnectionContext.Items"/>: true when the connection is served inline.</summary>
    public const string InlineItem = "VirtualOperator.Emulator.Inline";

    public bool CanBind(EndPoint endpoint) => endpoint is IPEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        // As Kestrel binds (IPv6Any dual-mode, its default backlog), and the exception Kestrel turns into "Failed to bind
        // to address …: address already in use." (and tells apart when it binds localhost on both IPv4 and IPv6).
        Socket socket;
        try { socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint); }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse) { throw new AddressInUseException(e.Message, e); }
        socket.Listen(512);
        var logger = loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets");
        return ValueTask.FromResult<IConnectionListener>(new Listener(socket,
            new SocketConnectionContextFactory(new SocketConnectionFactoryOptions { UnsafePreferInlineScheduling = true }, logger),
            new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), logger)));
    }

    internal sealed class Listener(Socket socket, SocketConnectionContextFactory inline, SocketConnectionContextFactory queued) : IConnectionListener
    {
        private int _open;

        public EndPoint EndPoint { get; } = socket.LocalEndPoint!;

        /// <summary>Connections accepted and not yet closed.</summary>
        internal int Open => Volatile.Read(ref _open);

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            while (true)
            {
                Socket accepted;
                try { accepted = await socket.AcceptAsync(cancellationToken); }
                // Unbound or disposed: no more connections (what Kestrel's own listener answers).
                catch (ObjectDisposedException) { return null; }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted) { return null; }
                // Reset while it waited in the backlog: take the next one.
                catch (SocketException) { continue; }
                accepted.NoDelay = true;
                var alone = Interlocked.Increment(ref _open) == 1;
                var connection = (alone ? inline : queued).Create(accepted);
                connection.Items[InlineItem] = alone;
                connection.ConnectionClosed.Register(() => Interlocked.Decrement(ref _open));
                return connection;
            }
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            socket.Dispose();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            socket.Dispose();
            inline.Dispose();
            queued.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
