using System.Collections.Concurrent;
using VirtualOperator.Emulator.Clock;

namespace VirtualOperator.Emulator.Protocol.Signing;

/// <summary>
/// Nonces seen per AccessKeyId, each kept until its request's timestamp leaves the skew window
/// (wall clock): a replay is refused for as long as the same request could still pass the timestamp check.
/// </summary>
public sealed class NonceCache(WallClock wall)
{
    private readonly ConcurrentDictionary<(string AccessKeyId, string Nonce), DateTimeOffset> _seen = new();
    private long _checks;

    /// <returns>false when the nonce was already used.</returns>
    public bool TryUse(string accessKeyId, string nonce, DateTimeOffset signedAt, TimeSpan window)
    {
        var now = wall.UtcNow;
        var keepUntil = (signedAt > now ? signedAt : now) + window;
        if (Interlocked.Increment(ref _checks) % 4096 == 0) Purge(now);
        if (_seen.TryAdd((accessKeyId, nonce), keepUntil)) return true;
        if (_seen.TryGetValue((accessKeyId, nonce), out var until) && until < now)
        {
            // The old use has left the window: the nonce may be used again (only once more).
            return _seen.TryUpdate((accessKeyId, nonce), keepUntil, until);
        }
        return false;
    }

    public void Clear() => _seen.Clear();

    private void Purge(DateTimeOffset now)
    {
        foreach (var (key, until) in _seen)
            if (until < now) _seen.TryRemove(key, out _);
    }
}
