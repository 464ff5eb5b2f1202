using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using VirtualOperator.Emulator.Clock;

namespace VirtualOperator.Emulator.Protocol.Signing;

/// <summary>
/// Nonces seen per AccessKeyId, each kept until its request's timestamp leaves the skew window
/// (wall clock): a replay is refused for as long as the same request could still pass the timestamp check.
/// Every signed call adds one, so at thousands of calls a second this holds millions for 15 minutes: it keeps
/// them in flat arrays (a map and a queue in the order they expire, under one short lock) rather than one
/// node object per nonce, and purges from the front of the queue instead of scanning everything.
/// <para>
/// A nonce is kept as the 128-bit XxHash of its AccessKeyId and itself, not as the two strings: the strings were most
/// of the 180 bytes each signed call left behind for 15 minutes, and millions of them were objects every full garbage
/// collection had to walk (docs/performance.md, "Nonce cache"). Two different pairs share a key with a probability
/// of about n²/2¹²⁹ (under 10⁻²² for a billion nonces), so a fresh nonce is never refused in practice.
/// </para>
/// </summary>
public sealed class NonceCache(WallClock wall)
{
    private readonly object _gate = new();
    private readonly Dictionary<NonceKey, long> _seen = new();
    private readonly Queue<(NonceKey Key, long UntilTicks)> _order = new();

    /// <summary>The 128 bits as two halves: a <see cref="UInt128"/> is aligned to 16 bytes, which made each map entry 48
    /// bytes instead of 32 (75 bytes a nonce in all, against 106 with UInt128 and 163 with the strings; a million nonces
    /// measured with <c>GC.GetTotalMemory</c>).</summary>
    internal readonly record struct NonceKey(ulong Low, ulong High)
    {
        public override int GetHashCode() => (int)Low;
    }

    /// <returns>false when the nonce was already used.</returns>
    public bool TryUse(string accessKeyId, string nonce, DateTimeOffset signedAt, TimeSpan window)
    {
        var now = wall.UtcNow;
        var keepUntil = ((signedAt > now ? signedAt : now) + window).UtcTicks;
        var key = Key(accessKeyId, nonce);
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

    /// <summary>How many nonces are kept (used or not yet purged).</summary>
    public int Count
    {
        get { lock (_gate) return _seen.Count; }
    }

    /// <summary>The pair's key: the AccessKeyId's length first, so ("ab", "c") and ("a", "bc") are two pairs.</summary>
    internal static NonceKey Key(string accessKeyId, string nonce)
    {
        var length = 2 + accessKeyId.Length + nonce.Length;
        char[]? rented = null;
        var chars = length <= 256 ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        chars[0] = (char)(accessKeyId.Length >> 16);
        chars[1] = (char)accessKeyId.Length;
        accessKeyId.CopyTo(chars[2..]);
        nonce.CopyTo(chars[(2 + accessKeyId.Length)..]);
        var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(chars));
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return new NonceKey((ulong)hash, (ulong)(hash >> 64));
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
