using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Products.BssOpenApi.Budget;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.Messages;
using VirtualOperator.Emulator.Storage;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Storage;

/// <summary>
/// One change = one unit of work (issue 11, item 1): everything a purchase writes, a product's own collection and its
/// partner message included, commits together or not at all, in memory and with a data file alike.
/// </summary>
public sealed class UnitOfWorkTests : IDisposable
{
    private readonly TempDataDir _temp = new("unit");
    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private sealed class ProductThing
    {
        public string Id { get; set; } = "";
        public string PartnerUid { get; set; } = "";
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Place_WhenApplyFailsAfterItsWrites_NothingOfThePurchaseRemains(bool durable)
    {
        using var app = new EmulatorApplication(durable ? Path.Combine(Dir, "state.db") : null);
        _ = app.Server; // started
        var services = app.Services;
        var (desk, ledger, db) = (services.GetRequiredService<OrderDesk>(), services.GetRequiredService<CreditLedger>(), services.GetRequiredService<EmulatorDatabase>());
        const string partner = EmulatorApplication.DefaultPartnerUid, customer = "5000000000000001";
        ledger.SetQuota(partner, customer, "CNY", 100m, DateTimeOffset.UtcNow);
        var things = db.Collection<ProductThing>("unitTestThings");

        var place = () => desk.Place(partner, customer, "token-1", "digest", DateTimeOffset.UtcNow, () =>
            new OrderPlan(new Order { InstanceId = "thing-1", ProductCode = "thing", Amount = 30m, Currency = "CNY" }, _ =>
            {
                // A product's apply: its own collection, its own message, then a failure.
                things.Insert(new ProductThing { Id = "thing-1", PartnerUid = partner });
                services.GetRequiredService<PartnerEvents>().Record(partner, "ThingCreated", new { Id = "thing-1" }, DateTimeOffset.UtcNow);
                throw new InvalidOperationException("the product failed after writing");
            }));

        place.Should().Throw<InvalidOperationException>();
        ledger.Get(customer, "CNY")!.Consumed.Should().Be(0m, "the charge is rolled back with the order");
        services.GetRequiredService<SalesStore>().OrdersOf(partner, customer).Should().BeEmpty();
        things.FindById("thing-1").Should().BeNull("a product's own writes join the purchase");
        services.GetRequiredService<MessageStore>().ListFor(partner).Select(m => m.EventType).Should().NotContain(["OrderPaid", "ThingCreated"]);

        // The ClientToken was not used up: the retry, this time succeeding, places the order once.
        var order = desk.Place(partner, customer, "token-1", "digest", DateTimeOffset.UtcNow, () =>
            new OrderPlan(new Order { InstanceId = "thing-1", ProductCode = "thing", Amount = 30m, Currency = "CNY" }, _ =>
                things.Insert(new ProductThing { Id = "thing-1", PartnerUid = partner })));
        ledger.Get(customer, "CNY")!.Consumed.Should().Be(30m);
        services.GetRequiredService<SalesStore>().Order(order.Id).Should().NotBeNull();
        things.FindById("thing-1").Should().NotBeNull();
    }

    [Fact]
    public void Atomic_OneLineForANonOrderChange_RollsBackEveryWriteItMade()
    {
        using var app = new EmulatorApplication();
        _ = app.Server;
        var db = app.Services.GetRequiredService<EmulatorDatabase>();
        var things = db.Collection<ProductThing>("unitTestThings");
        var undone = false;

        var change = () => db.Atomic(() =>
        {
            things.Insert(new ProductThing { Id = "a", PartnerUid = "p" });
            db.Atomic(() => things.Insert(new ProductThing { Id = "b", PartnerUid = "p" })); // joins, does not commit alone
            db.OnRollback(() => undone = true);
            throw new InvalidOperationException("fails after two writes");
        });

        change.Should().Throw<InvalidOperationException>();
        things.Count().Should().Be(0);
        undone.Should().BeTrue();
        db.Atomic(() => things.Insert(new ProductThing { Id = "c", PartnerUid = "p" }));
        things.FindAll().Select(t => t.Id).Should().Equal("c");
    }
}
