using VirtualOperator.Emulator.Products.BssOpenApi.Sales;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

public sealed class OrderListIndexTests
{
    [Fact]
    public async Task BuildingOnePartnersIndex_DoesNotHoldUpAnotherPartner()
    {
        var index = new OrderListIndex();
        using var loading = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var slow = Task.Run(() => index.Page("partner-a", null, 1, 10, () =>
        {
            loading.Set();
            release.Wait(); // a partner with very many orders, still being read
            return [];
        }));
        loading.Wait();
        try
        {
            var other = Task.Run(() => index.Page("partner-b", null, 1, 10,
                () => [OrderListIndex.Key.Of(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), "o-1", "c-1")]));
            // A bound for liveness, not a speed assertion: without per-partner locks this waits until "release".
            var finished = await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(20)));
            finished.Should().BeSameAs(other, "partner b's first page must not wait for partner a's index to be built");
            (await other).Ids.Should().Equal("o-1");
        }
        finally
        {
            release.Set();
            await slow;
        }
    }

    [Fact]
    public void OrderAddedAfterTheBuild_IsListed_AndOneReadBeforeIsNotListedTwice()
    {
        var index = new OrderListIndex();
        var first = new Order { Id = "o-1", PartnerUid = "p", CustomerUid = "c", CreateTime = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var second = new Order { Id = "o-2", PartnerUid = "p", CustomerUid = "c", CreateTime = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc) };
        index.Added(first); // not built yet: skipped, the build reads it from the store
        index.Page("p", null, 1, 10, () => [OrderListIndex.Key.Of(first)]).Ids.Should().Equal("o-1");
        index.Added(second);
        index.Added(first);
        index.Page("p", "c", 1, 10, () => throw new InvalidOperationException("built already")).Ids.Should().Equal("o-2", "o-1");
    }
}
