using System.Net;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

/// <summary>A customer acting through STS sees and buys only for itself; its partner sees every customer.</summary>
public sealed class CustomerScopeTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    public CustomerScopeTests(EmulatorFixture f) => _app = f.App;

    [Fact]
    public async Task StsCustomer_SeesOnlyOwnInstancesAndOrders_AndBuysForItself()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 1000m);
        var other = await kit.AddCustomerAsync(1000m);
        var (mine, _) = await kit.BuyAsync();
        var p = SalesKit.Buy();
        p["OwnerId"] = other;
        var theirs = await kit.Ok("CreateInstance", p);
        var theirOrder = theirs["Data"]!["OrderId"]!.ToString();

        var customer = await kit.AsCustomerAsync(kit.Customer);
        var instances = await customer.V3("QueryAvailableInstances", SalesKit.Version);
        instances.Status.Should().Be(HttpStatusCode.OK, instances.Text);
        instances.Json["Data"]!["InstanceList"]!.AsArray().Select(i => i!["InstanceID"]!.ToString()).Should().Equal(mine);
        var orders = await customer.V3("QueryOrders", SalesKit.Version);
        orders.Json["Data"]!["TotalCount"]!.GetValue<int>().Should().Be(1);

        (await customer.V3("GetOrderDetail", SalesKit.Version, new Dictionary<string, string> { ["OrderId"] = theirOrder })).Code.Should().Be("InvalidParameter");
        (await customer.V3("QueryOrders", SalesKit.Version, new Dictionary<string, string> { ["OwnerId"] = other })).Code.Should().Be("InvalidOwner");

        var bought = await customer.V3("CreateInstance", SalesKit.Version, SalesKit.Buy());
        bought.Status.Should().Be(HttpStatusCode.OK, bought.Text);
        kit.Available().Should().Be(1000m - 2 * 230m);
        kit.Available(other).Should().Be(1000m - 230m);

        (await kit.OrdersAsync(new Dictionary<string, string> { ["OwnerId"] = "" })).Should().HaveCount(3, "the partner sees every customer's orders");
    }
}
