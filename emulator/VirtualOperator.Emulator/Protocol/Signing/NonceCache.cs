using System.Collections.Concurrent;
using VirtualOperator.Emulator.Clock;

namespace VirtualOperator.Emulator.Protocol.Signing;

/// <summary>
/// Nonces seen per AccessKeyId, each kept until its request's timestamp leaves the skew window
/// (wall clock): a replay is refused for as long as the same request could still pass the timestamp check.
/// Expired nonces leave in the order they were recorded (a queue beside the map), so purging costs each call
/// a constant amount instead of a scan of every nonce of the last 15 minutes on one unlucky call.
/// </summary>
public sealed class NonceCache(WallClock wall)
{
    private readonly ConcurrentDictionary<(string AccessKeyId, string Nonce), DateTimeOffset> _seen = new();
    private readonly ConcurrentQueue<((string AccessKeyId, string Nonce) Key, DateTimeOffset Until)> _order = new();
    private int _purging;

    /// <returns>false when the nonce was already used.</returns>
    public bool TryUse(string accessKeyId, string nonce, DateTimeOffset signedAt, TimeSpan window)
    {
        var now = wall.UtcNow;
        var keepUntil = (signedAt > now ? signedAt : now) + window;
        Purge(now);
        var key = (accessKeyId, nonce);
        if (_seen.TryAdd(key, keepUntil))
        {
            _order.Enqueue((key, keepUntil));
            return true;
        }
        // The old use has left the window: the nonce may be used again (only once more).
        if (_seen.TryGetValue(key, out var until) && until < now && _seen.TryUpdate(key, keepUntil, until))
        {
            _order.Enqueue((key, keepUntil));
            return true;
        }
        return false;
    }

    public void Clear()
    {
        _seen.Clear();
        _order.Clear();
    }

    /// <summary>Drops expired nonces from the front of the queue. One caller at a time; an entry signed in the
    /// future may hold later ones back a while, which only delays their removal (an expired entry still in the
    /// map counts as unused, see <see cref="TryUse"/>).</summary>
    private void Purge(DateTimeOffset now)
    {
        if (!_order.TryPeek(out var head) || head.Until >= now) return;
        if (Interlocked.Exchange(ref _purging, 1) == 1) return;
        try
        {
            while (_order.TryPeek(out head) && head.Until < now && _order.TryDequeue(out head))
                _seen.TryRemove(new KeyValuePair<(string, string), DateTimeOffset>(head.Key, head.Until));
        }
        finally { Volatile.Write(ref _purging, 0); }
    }
}
