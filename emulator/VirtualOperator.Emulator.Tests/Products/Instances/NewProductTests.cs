using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.Instances;
using VirtualOperator.Emulator.Products.Resources;
using VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Instances;

/// <summary>
/// "A new product plugs in by declaring its instance kind, prices and state machine" (issue 12): a test-only product
/// (<see cref="Widgets"/>) declared through <see cref="InstanceRegistration.AddInstanceProduct{TInstance, TStore, TProduct}"/>
/// gets its orders (visible in BSS QueryOrders over the wire), automatic renewals at its own price, expiry and release on
/// the virtual clock, its declared states and locks, and a resource directory, from the shared machinery alone.
/// </summary>
public sealed class NewProductTests : IDisposable
{
    private readonly EmulatorApplication _app = new(services: s =>
    {
        s.AddInstanceProduct<Widget, WidgetStore, Widgets>();
        s.AddSingleton<WidgetDesk>();
    });

    public void Dispose() => _app.Dispose();

    private T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    private string StatusOf(string id, SalesKit kit) =>
        Get<IEnumerable<IResourceDirectory>>().Single(d => d.ProductCode == Widgets.Code).Find(kit.Partner.Uid, id)!.Status;

    [Fact]
    public async Task DeclaredProduct_IsSoldRenewedExpiredAndReleased_ByTheSharedMachinery()
    {
        // Credit for the first month and two renewals: the third renewal is refused, so the widget expires.
        var kit = await SalesKit.CreateAsync(_app, quota: 3 * Widgets.MonthlyPrice);
        var order = Get<WidgetDesk>().Buy(kit.Partner.Uid, kit.Customer, months: 1, autoRenew: true);
        var id = order.InstanceId;

        order.PaymentStatus.Should().Be(PaymentStatuses.Paid);
        kit.Available().Should().Be(2 * Widgets.MonthlyPrice, "the order desk charged the customer's credit");
        StatusOf(id, kit).Should().Be(Widgets.Provisioning, "the declared transition lasts 10 virtual minutes");
        await kit.AdvanceAsync(TimeSpan.FromMinutes(11));
        StatusOf(id, kit).Should().Be(Widgets.Running);

        // Two renewals at the product's own price, then an unpaid one: expired, and Suspended by the declared lock.
        await kit.AdvanceAsync(TimeSpan.FromDays(31 * 3));
        var orders = await kit.OrdersAsync();
        orders.Select(o => (o!["ProductCode"]!.ToString(), o["OrderType"]!.ToString(), o["PaymentStatus"]!.ToString(), o["PretaxAmount"]!.ToString()))
            .Should().BeEquivalentTo(new[]
            {
                (Widgets.Code, "New", "Paid", "10.00"), (Widgets.Code, "Renew", "Paid", "10.00"), (Widgets.Code, "Renew", "Paid", "10.00"),
                (Widgets.Code, "Renew", "Unpaid", "10.00"),
            });
        kit.Available().Should().Be(0m);
        Get<SalesStore>().Instance(id)!.Status.Should().Be(InstanceStatuses.Expired);
        StatusOf(id, kit).Should().Be(Widgets.Suspended);
        Get<ProductInstances<Widget>>().StatusOf(Get<WidgetStore>().Instance(id)!, DateTime.UtcNow.AddYears(1)).Should().Be(Widgets.Suspended);

        // Released 15 days after expiry; the product's release callback ran in that step.
        await kit.AdvanceAsync(TimeSpan.FromDays(16));
        Get<SalesStore>().Instance(id)!.Status.Should().Be(InstanceStatuses.Released);
        Get<WidgetStore>().Instance(id)!.ReleasedAt.Should().NotBeNull();
        var view = Get<IEnumerable<IResourceDirectory>>().Single(d => d.ProductCode == Widgets.Code).Find(kit.Partner.Uid, id)!;
        view.Status.Should().Be("Released");
        view.Running.Should().BeFalse();
        view.OwnerUid.Should().Be(kit.Customer);
    }

    [Fact]
    public async Task DeclaredProduct_StoreListsByPartnerAndCustomer_OldestFirst()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var other = await kit.AddCustomerAsync(100m);
        var desk = Get<WidgetDesk>();
        var a = desk.Buy(kit.Partner.Uid, kit.Customer, 1, false).InstanceId;
        await kit.AdvanceAsync(TimeSpan.FromMinutes(1));
        var b = desk.Buy(kit.Partner.Uid, other, 1, false).InstanceId;
        var store = Get<WidgetStore>();
        store.InstancesOf(kit.Partner.Uid, null).Select(w => w.Id).Should().Equal(a, b);
        store.InstancesOf(kit.Partner.Uid, other).Select(w => w.Id).Should().Equal(b);
        store.InstancesOf("1688000000000001", null).Should().BeEmpty("another partner holds none of them");
        a.Should().MatchRegex("^wdg-[a-z0-9]{18}$");
    }
}
