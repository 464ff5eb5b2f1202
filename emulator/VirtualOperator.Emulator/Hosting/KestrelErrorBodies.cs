using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using VirtualOperator.Emulator.Protocol.Responses;

namespace VirtualOperator.Emulator.Hosting;

/// <summary>
/// Kestrel answers a request it cannot parse (a malformed line or header 400, a request line over its limit 414, headers
/// over their limit 431, an unknown HTTP version 505, …) itself, before any middleware runs, with an empty body; the
/// ASP.NET Core team says this category is not customisable (aspnet/KestrelHttpServer#2947) except below HTTP. So the
/// connection's output is watched here: a header block Kestrel wrote for such a refusal (HTTP/1.x, 4xx or 505,
/// <c>Content-Length: 0</c>, <c>Connection: close</c>, no Content-Type; the emulator's own answers always have a type and
/// a body) is rewritten to carry the emulator's JSON error: the RPC envelope (RequestId, HostId, Code, Message,
/// Recommend) plus the control plane's <c>error</c>, since the request was refused before it could say which it was.
/// [I] the codes: Alibaba Cloud's gateway answers to malformed HTTP are not documented.
/// </summary>
public static class KestrelErrorBodies
{
    public static void UseKestrelErrorBodies(this ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            connection.Transport = new Duplex(connection.Transport);
            return next(connection);
        });

    private sealed class Duplex(IDuplexPipe inner) : IDuplexPipe
    {
        public PipeReader Input { get; } = inner.Input;
        public PipeWriter Output { get; } = new Writer(inner.Output);
    }

    /// <summary>Passes every write through, looking only at writes that begin a refusal's header block.</summary>
    private sealed class Writer(PipeWriter inner) : PipeWriter
    {
        private Memory<byte> _handedOut;

        public override Memory<byte> GetMemory(int sizeHint = 0) => _handedOut = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            if (bytes > 0 && bytes <= _handedOut.Length && Rewrite(_handedOut.Span[..bytes]) is { } answer)
            {
                // The refusal sits unadvanced in the inner writer's buffer: write the fuller answer over it instead.
                var span = inner.GetSpan(answer.Length);
                answer.CopyTo(span);
                inner.Advance(answer.Length);
                return;
            }
            inner.Advance(bytes);
        }

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
            Rewrite(source.Span) is { } answer ? inner.WriteAsync(answer, cancellationToken) : inner.WriteAsync(source, cancellationToken);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);
        public override void CancelPendingFlush() => inner.CancelPendingFlush();
        public override void Complete(Exception? exception = null) => inner.Complete(exception);
        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;
        public override long UnflushedBytes => inner.UnflushedBytes;
    }

    /// <summary>The answer to send instead of <paramref name="written"/>, or null when it is not one of Kestrel's bare refusals.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> written)
    {
        // Cheap first: nearly every write is a 2xx header block or body bytes.
        if (written.Length < 16 || !written.StartsWith("HTTP/1."u8) || written[8] != (byte)' ') return null;
        if (!(written[9] == (byte)'4' || written[9..12].SequenceEqual("505"u8))) return null;
        if (!written.EndsWith("\r\n\r\n"u8)) return null;
        var head = Encoding.ASCII.GetString(written);
        if (!head.Contains("\r\nContent-Length: 0\r\n", StringComparison.OrdinalIgnoreCase)
            || !head.Contains("\r\nConnection: close\r\n", StringComparison.OrdinalIgnoreCase)
            || head.Contains("\r\nContent-Type:", StringComparison.OrdinalIgnoreCase)) return null;
        if (!int.TryParse(head.AsSpan(9, 3), out var status)) return null;

        var requestId = RequestIds.New();
        var reason = ReasonPhrases.GetReasonPhrase(status);
        var message = $"The HTTP server refused the request before the emulator could read it: {status} {reason}. "
            + "Kestrel takes a request line up to 8 KiB and headers up to 32 KiB.";
        // The one error envelope (ResponseWriter.ErrorBody), plus the control plane's "error": the path is not known yet.
        var envelope = System.Text.Json.JsonSerializer.SerializeToNode(
            ResponseWriter.ErrorBody(requestId, "emulator", Code(status), message, "Emulator"), ResponseWriter.Json)!.AsObject();
        envelope["error"] = message;
        var body = Encoding.UTF8.GetBytes(envelope.ToJsonString());
        var headers = head[..^2]
            .Replace("\r\nContent-Length: 0\r\n", $"\r\nContent-Length: {body.Length}\r\n", StringComparison.OrdinalIgnoreCase)
            + "Content-Type: application/json;charset=utf-8\r\n"
            + $"x-acs-request-id: {requestId}\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(headers), .. body];
    }

    private static string Code(int status) => status switch
    {
        400 => "MalformedRequest",
        408 => "RequestTimeout",
        411 => "MissingContentLength",
        413 => "RequestEntityTooLarge",
        414 => "RequestURITooLong",
        431 => "RequestHeaderFieldsTooLarge",
        505 => "HttpVersionNotSupported",
        _ => "BadRequest",
    };
}
