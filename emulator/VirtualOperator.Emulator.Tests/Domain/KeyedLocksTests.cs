using VirtualOperator.Emulator.Domain;

namespace VirtualOperator.Emulator.Tests.Domain;

public sealed class KeyedLocksTests
{
    [Fact]
    public async Task Run_SameKeyInParallel_NeverOverlaps()
    {
        var locks = new KeyedLocks(LockLevel.Customer, "test");
        var inside = 0;
        var maxInside = 0;
        var counter = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
                locks.Run("k", () =>
                {
                    var now = Interlocked.Increment(ref inside);
                    maxInside = Math.Max(maxInside, now);
                    counter++; // unsynchronised on purpose: only the lock keeps it exact
                    Interlocked.Decrement(ref inside);
                });
        })));
        maxInside.Should().Be(1);
        counter.Should().Be(16000);
    }

    [Fact]
    public async Task Run_ManyDistinctKeys_KeepsNoGateOnceReleased()
    {
        var locks = new KeyedLocks(LockLevel.Customer, "test");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 5000; i++) locks.Run($"outbiz-{t}-{i % 50}", () => i);
        })));
        locks.LiveKeys.Should().Be(0, "a key's gate is dropped when nobody holds or waits for it");
    }

    [Fact]
    public void Run_NestedSameKey_IsReentrantAndReleasesTheGate()
    {
        var locks = new KeyedLocks(LockLevel.Customer, "test");
        locks.Run("a", () => locks.Run("a", () => locks.LiveKeys)).Should().Be(1);
        locks.LiveKeys.Should().Be(0);
    }
}
