using System.Diagnostics;
using System.Net;

namespace VirtualOperator.Bench;

/// <summary>Throughput and latency of one scenario. Latency is send to last response byte read.</summary>
public sealed record LoadResult(long Requests, long Errors, double Seconds, double P50Ms, double P99Ms, string? FirstError)
{
    public double Rps => Seconds > 0 ? Requests / Seconds : 0;

    /// <summary>Every latency of the window, in <see cref="Stopwatch"/> ticks, sorted (for <see cref="Merge"/>).</summary>
    internal long[] Latencies { get; init; } = [];

    /// <summary>Several windows of one server as one: requests and seconds summed, percentiles over all latencies.</summary>
    public static LoadResult Merge(IReadOnlyList<LoadResult> windows)
    {
        if (windows.Count == 1) return windows[0];
        var all = windows.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(all);
        return new LoadResult(windows.Sum(w => w.Requests), windows.Sum(w => w.Errors), windows.Sum(w => w.Seconds),
            LoadGenerator.Percentile(all, 0.50), LoadGenerator.Percentile(all, 0.99), windows.Select(w => w.FirstError).FirstOrDefault(e => e is not null))
        { Latencies = all };
    }
}

/// <summary>
/// The one load generator every server is measured with: <c>connections</c> workers, each looping
/// send-await-read on a shared keep-alive <see cref="SocketsHttpHandler"/> pool of exactly that many
/// connections, until the duration or the request count runs out (both bounded). A warm-up with the same
/// loop opens the connections and lets the JIT settle first; its requests are not counted.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(
        int connections, TimeSpan warmup, TimeSpan duration, long maxRequests, Func<long, HttpRequestMessage> request,
        Func<HttpResponseMessage, byte[], string?>? check = null)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        long sequence = 0;
        if (warmup > TimeSpan.Zero)
            await Loop(client, connections, warmup, Math.Max(connections, maxRequests / 10), request, check, () => Interlocked.Increment(ref sequence));
        return await Loop(client, connections, duration, maxRequests, request, check, () => Interlocked.Increment(ref sequence));
    }

    private static async Task<LoadResult> Loop(
        HttpClient client, int connections, TimeSpan duration, long maxRequests, Func<long, HttpRequestMessage> request,
        Func<HttpResponseMessage, byte[], string?>? check, Func<long> next)
    {
        long issued = 0, errors = 0;
        string? firstError = null;
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = new List<long>[connections];

        async Task Worker(int w)
        {
            var latencies = perWorker[w] = new List<long>(4096);
            while (Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref issued) <= maxRequests)
            {
                using var req = request(next());
                var t0 = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    using var resp = await client.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
                    var body = await resp.Content.ReadAsByteArrayAsync();
                    latencies.Add(Stopwatch.GetTimestamp() - t0);
                    error = resp.StatusCode != HttpStatusCode.OK
                        ? $"HTTP {(int)resp.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}"
                        : check?.Invoke(resp, body);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    error = e.Message;
                }
                if (error is not null && Interlocked.Increment(ref errors) == 1) firstError = error;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(w => Task.Run(() => Worker(w))));
        var seconds = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
        var all = perWorker.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(all.Length, errors, seconds, Percentile(all, 0.50), Percentile(all, 0.99), firstError) { Latencies = all };
    }

    internal static double Percentile(long[] sorted, double q)
    {
        if (sorted.Length == 0) return double.NaN;
        var i = Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[i] * 1000.0 / Stopwatch.Frequency;
    }
}
