using VirtualOperator.Emulator.Clock;

namespace VirtualOperator.Emulator.Protocol.Signing;

/// <summary>
/// Nonces seen per AccessKeyId, each kept until its request's timestamp leaves the skew window
/// (wall clock): a replay is refused for as long as the same request could still pass the timestamp check.
/// Every signed call adds one, so at thousands of calls a second this holds millions for 15 minutes: it keeps
/// them in flat arrays (a map and a queue in the order they expire, under one short lock) rather than one
/// node object per nonce, and purges from the front of the queue instead of scanning everything.
/// </summary>
public sealed class NonceCache(WallClock wall)
{
    private readonly object _gate = new();
    private readonly Dictionary<(string AccessKeyId, string Nonce), long> _seen = new();
    private readonly Queue<((string AccessKeyId, string Nonce) Key, long UntilTicks)> _order = new();

    /// <returns>false when the nonce was already used.</returns>
    public bool TryUse(string accessKeyId, string nonce, DateTimeOffset signedAt, TimeSpan window)
    {
        var now = wall.UtcNow;
        var keepUntil = ((signedAt > now ? signedAt : now) + window).UtcTicks;
        var key = (accessKeyId, nonce);
        lock (_gate)
        {
            Purge(now.UtcTicks);
            // A nonce is free when unseen, or when its old use has left the window (then usable once more).
            if (_seen.TryGetValue(key, out var until) && until >= now.UtcTicks) return false;
            _seen[key] = keepUntil;
            _order.Enqueue((key, keepUntil));
            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _seen.Clear();
            _order.Clear();
        }
    }

    /// <summary>Drops expired nonces from the front of the queue. An entry signed in the future may hold later
    /// ones back a while, which only delays their removal: an expired entry still in the map counts as unused.</summary>
    private void Purge(long nowTicks)
    {
        while (_order.TryPeek(out var head) && head.UntilTicks < nowTicks)
        {
            _order.Dequeue();
            // Only if it was not used again since (then a later queue entry owns it).
            if (_seen.TryGetValue(head.Key, out var until) && until == head.UntilTicks) _seen.Remove(head.Key);
        }
    }
}
