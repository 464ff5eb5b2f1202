using Microsoft.Extensions.Time.Testing;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Protocol.Signing;

namespace VirtualOperator.Emulator.Tests.Protocol;

/// <summary>The nonce cache keys a nonce by a hash of its AccessKeyId and itself (docs/performance.md, "Nonce cache"):
/// the pair, not the concatenation, is what is kept, and expired pairs are let go.</summary>
public sealed class NonceCacheTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z"));

    [Fact]
    public void ANonce_IsOnePerAccessKeyId_AndPairsThatConcatenateAlike_AreDifferentPairs()
    {
        var cache = new NonceCache(new WallClock(_time));
        var now = _time.GetUtcNow();
        cache.TryUse("LTAI-one", "nonce-1", now, Window).Should().BeTrue();
        cache.TryUse("LTAI-one", "nonce-1", now, Window).Should().BeFalse("a replay");
        cache.TryUse("LTAI-two", "nonce-1", now, Window).Should().BeTrue("another AccessKeyId's nonce of the same text is its own");
        cache.TryUse("ab", "c", now, Window).Should().BeTrue();
        cache.TryUse("a", "bc", now, Window).Should().BeTrue("(\"a\", \"bc\") is not (\"ab\", \"c\"), though both read \"abc\"");
        cache.TryUse(new string('k', 300), new string('n', 300), now, Window).Should().BeTrue("a pair longer than the stack buffer");
        cache.TryUse(new string('k', 300), new string('n', 300), now, Window).Should().BeFalse();
    }

    [Fact]
    public void NoncesPastTheWindow_AreLetGo()
    {
        var cache = new NonceCache(new WallClock(_time));
        for (var i = 0; i < 100; i++) cache.TryUse("LTAI-one", $"n-{i}", _time.GetUtcNow(), Window).Should().BeTrue();
        cache.Count.Should().Be(100);
        _time.Advance(Window + TimeSpan.FromSeconds(1));
        cache.TryUse("LTAI-one", "fresh", _time.GetUtcNow(), Window).Should().BeTrue();
        cache.Count.Should().Be(1, "the hundred expired and were purged by the next use");
    }
}
