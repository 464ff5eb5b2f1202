using System.Net;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

public sealed class OrderTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    public OrderTests(EmulatorFixture f) => _app = f.App;

    [Fact]
    public async Task CreateInstance_PaidFromQuota_ListedWithOneNewOrder()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 1000m);
        var (id, orderId) = await kit.BuyAsync("eip", months: 1, bandwidth: "10");
        kit.Available().Should().Be(770m);
        var instance = (await kit.InstanceAsync(id))!;
        instance["Status"]!.ToString().Should().Be("Normal");
        instance["OwnerId"]!.GetValue<long>().Should().Be(long.Parse(kit.Customer));
        instance["SubscriptionType"]!.ToString().Should().Be("Subscription");
        var orders = await kit.OrdersAsync();
        orders.Should().ContainSingle();
        orders[0]!["OrderId"]!.ToString().Should().Be(orderId);
        orders[0]!["OrderType"]!.ToString().Should().Be("New");
        orders[0]!["PaymentStatus"]!.ToString().Should().Be("Paid");
        orders[0]!["PretaxAmount"]!.ToString().Should().Be("230.00");
    }

    [Fact]
    public async Task CreateInstance_QuotaTooSmall_RefusedAndNothingWritten()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 100m);
        var r = await kit.Call("CreateInstance", SalesKit.Buy("eip", 1, "10"));
        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("InsufficientQuota");
        kit.Available().Should().Be(100m);
        (await kit.OrdersAsync()).Should().BeEmpty();
        (await kit.Ok("QueryAvailableInstances"))["Data"]!["InstanceList"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task CreateInstance_WithoutOwner_MissingParameterOwnerId()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var p = SalesKit.Buy();
        p["OwnerId"] = "";
        var r = await kit.Call("CreateInstance", p);
        r.Code.Should().Be("MissingParameter");
    }

    [Fact]
    public async Task CreateInstance_AnotherPartnersCustomer_InvalidOwner()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var other = await SalesKit.CreateAsync(_app);
        var p = SalesKit.Buy();
        p["OwnerId"] = other.Customer;
        var r = await kit.Call("CreateInstance", p);
        r.Code.Should().Be("InvalidOwner");
        other.Available().Should().Be(10_000m);
    }

    [Fact]
    public async Task CreateInstance_SubscriptionWithoutPeriod_MissingParameter()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var p = SalesKit.Buy();
        p.Remove("Period");
        var r = await kit.Call("CreateInstance", p);
        r.Code.Should().Be("MissingParameter");
        r.Json["Message"]!.ToString().Should().Contain("Period");
    }

    [Fact]
    public async Task CreateInstance_SameClientTokenTwice_SameOrderChargedOnce()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 1000m);
        var first = await kit.BuyAsync(clientToken: "tok-1");
        var again = await kit.BuyAsync(clientToken: "tok-1");
        again.Should().Be(first);
        kit.Available().Should().Be(770m);
        (await kit.OrdersAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task CreateInstance_ParallelRetriesWithOneToken_OneOrderChargedOnce()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 1000m);
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => kit.Call("CreateInstance", SalesKit.Buy(clientToken: "parallel"))));
        results.Should().AllSatisfy(r => r.Status.Should().Be(HttpStatusCode.OK, r.Text));
        results.Select(r => r.Json["Data"]!["OrderId"]!.ToString()).Distinct().Should().ContainSingle();
        kit.Available().Should().Be(770m);
        (await kit.OrdersAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task CreateInstance_TokenReusedWithOtherParameters_IdempotentParameterMismatch()
    {
        var kit = await SalesKit.CreateAsync(_app);
        await kit.BuyAsync(clientToken: "tok-2", bandwidth: "10");
        var r = await kit.Call("CreateInstance", SalesKit.Buy(clientToken: "tok-2", bandwidth: "20"));
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("IdempotentParameterMismatch");
        (await kit.OrdersAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task RenewInstance_AddsMonthsAndCreatesPaidRenewOrder()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 1000m);
        var (id, _) = await kit.BuyAsync();
        var end = DateTime.Parse((await kit.InstanceAsync(id))!["EndTime"]!.ToString()).ToUniversalTime();
        var renew = await kit.Ok("RenewInstance", new Dictionary<string, string> { ["InstanceId"] = id, ["ProductCode"] = "eip", ["RenewPeriod"] = "2" });
        var newEnd = DateTime.Parse((await kit.InstanceAsync(id))!["EndTime"]!.ToString()).ToUniversalTime();
        newEnd.Should().Be(end.AddMonths(2));
        kit.Available().Should().Be(1000m - 230m - 460m);
        var renewals = await kit.OrdersAsync(new Dictionary<string, string> { ["OrderType"] = "Renew" });
        renewals.Should().ContainSingle().Which!["OrderId"]!.ToString().Should().Be(renew["Data"]!["OrderId"]!.ToString());
    }

    [Fact]
    public async Task RenewInstance_UnknownInstance_NotFound()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var r = await kit.Call("RenewInstance", new Dictionary<string, string> { ["InstanceId"] = "eip-nope", ["ProductCode"] = "eip", ["RenewPeriod"] = "1" });
        r.Code.Should().Be("InvalidInstanceId.NotFound");
    }

    [Fact]
    public async Task ModifyInstance_Upgrade_CostsWhatGetSubscriptionPriceSays()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var (id, _) = await kit.BuyAsync(months: 1, bandwidth: "10");
        var price = await kit.Ok("GetSubscriptionPrice", new Dictionary<string, string>
        {
            ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["OrderType"] = "Upgrade", ["InstanceId"] = id,
            ["ModuleList.1.ModuleCode"] = "Bandwidth", ["ModuleList.1.Config"] = "Bandwidth:20",
        });
        var before = kit.Available();
        var up = await kit.Ok("ModifyInstance", new Dictionary<string, string>
        {
            ["InstanceId"] = id, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["ModifyType"] = "Upgrade",
            ["Parameter.1.Code"] = "Bandwidth", ["Parameter.1.Value"] = "20",
        });
        var trade = SalesKit.Dec(price["Data"]!["TradePrice"]);
        trade.Should().BeGreaterThan(0m);
        (before - kit.Available()).Should().Be(trade);
        var detail = await kit.Ok("GetOrderDetail", new Dictionary<string, string> { ["OrderId"] = up["Data"]!["OrderId"]!.ToString() });
        var order = detail["Data"]!["OrderList"]!["Order"]![0]!;
        order["OrderType"]!.ToString().Should().Be("Upgrade");
        order["Config"]!.ToString().Should().Contain("Bandwidth:20");
        order["OriginalConfig"]!.ToString().Should().Contain("Bandwidth:10");
    }

    [Fact]
    public async Task ModifyInstance_UpgradeThatLowersThePrice_InvalidParameter()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var (id, _) = await kit.BuyAsync(bandwidth: "10");
        var r = await kit.Call("ModifyInstance", new Dictionary<string, string>
        {
            ["InstanceId"] = id, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["ModifyType"] = "Upgrade",
            ["Parameter.1.Code"] = "Bandwidth", ["Parameter.1.Value"] = "5",
        });
        r.Code.Should().Be("InvalidParameter");
        (await kit.OrdersAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task ModifyInstance_Downgrade_FreeOrderAndNewConfiguration()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var (id, _) = await kit.BuyAsync(bandwidth: "10");
        var before = kit.Available();
        await kit.Ok("ModifyInstance", new Dictionary<string, string>
        {
            ["InstanceId"] = id, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["ModifyType"] = "Downgrade",
            ["Parameter.1.Code"] = "Bandwidth", ["Parameter.1.Value"] = "5",
        });
        kit.Available().Should().Be(before);
        var down = await kit.OrdersAsync(new Dictionary<string, string> { ["OrderType"] = "Downgrade" });
        down.Should().ContainSingle().Which!["PretaxAmount"]!.ToString().Should().Be("0.00");
    }

    [Fact]
    public async Task ConvertChargeType_PayAsYouGoToSubscription_PaysThePeriodAndSetsEndTime()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 1000m);
        var p = SalesKit.Buy();
        p["SubscriptionType"] = "PayAsYouGo";
        p.Remove("Period");
        var created = await kit.Ok("CreateInstance", p);
        var id = created["Data"]!["InstanceId"]!.ToString();
        kit.Available().Should().Be(1000m);
        (await kit.InstanceAsync(id))!.ContainsKey("EndTime").Should().BeFalse();
        await kit.Ok("ConvertChargeType", new Dictionary<string, string>
        {
            ["InstanceId"] = id, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["Period"] = "1",
        });
        kit.Available().Should().Be(770m);
        var after = (await kit.InstanceAsync(id))!;
        after["SubscriptionType"]!.ToString().Should().Be("Subscription");
        after.ContainsKey("EndTime").Should().BeTrue();
    }

    [Fact]
    public async Task SetRenewal_AutoRenewalWithPeriod_ShownByQueryAvailableInstances()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var (a, _) = await kit.BuyAsync();
        var (b, _) = await kit.BuyAsync();
        await kit.Ok("SetRenewal", new Dictionary<string, string>
        {
            ["InstanceIDs"] = $"{a},{b}", ["ProductCode"] = "eip", ["RenewalStatus"] = "AutoRenewal", ["RenewalPeriod"] = "1", ["RenewalPeriodUnit"] = "Y",
        });
        var auto = await kit.Ok("QueryAvailableInstances", new Dictionary<string, string> { ["RenewStatus"] = "AutoRenewal" });
        var list = auto["Data"]!["InstanceList"]!.AsArray();
        list.Select(i => i!["InstanceID"]!.ToString()).Should().BeEquivalentTo(a, b);
        list.Should().AllSatisfy(i => { i!["RenewalDuration"]!.GetValue<int>().Should().Be(1); i["RenewalDurationUnit"]!.ToString().Should().Be("Y"); });
    }

    [Fact]
    public async Task SetRenewal_OneUnknownInstance_NothingChanges()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var (a, _) = await kit.BuyAsync();
        var r = await kit.Call("SetRenewal", new Dictionary<string, string>
        {
            ["InstanceIDs"] = $"{a},eip-unknown", ["ProductCode"] = "eip", ["RenewalStatus"] = "AutoRenewal", ["RenewalPeriod"] = "1",
        });
        r.Code.Should().Be("InvalidInstanceId.NotFound");
        (await kit.InstanceAsync(a))!["RenewStatus"]!.ToString().Should().Be("ManualRenewal");
    }

    [Fact]
    public async Task QueryOrders_FiltersAndPages()
    {
        var kit = await SalesKit.CreateAsync(_app);
        for (var i = 0; i < 3; i++) await kit.BuyAsync("eip");
        await kit.BuyAsync("cbwp", bandwidth: "5");
        var page1 = await kit.Ok("QueryOrders", new Dictionary<string, string> { ["PageNum"] = "1", ["PageSize"] = "3" });
        page1["Data"]!["TotalCount"]!.GetValue<int>().Should().Be(4);
        page1["Data"]!["OrderList"]!["Order"]!.AsArray().Should().HaveCount(3);
        var page2 = await kit.Ok("QueryOrders", new Dictionary<string, string> { ["PageNum"] = "2", ["PageSize"] = "3" });
        page2["Data"]!["OrderList"]!["Order"]!.AsArray().Should().ContainSingle();
        (await kit.OrdersAsync(new Dictionary<string, string> { ["ProductCode"] = "cbwp" })).Should().ContainSingle();
        (await kit.OrdersAsync(new Dictionary<string, string> { ["PaymentStatus"] = "Unpaid" })).Should().BeEmpty();
        (await kit.OrdersAsync(new Dictionary<string, string> { ["CreateTimeEnd"] = "2000-01-01T00:00:00Z" })).Should().BeEmpty();
        var bad = await kit.Call("QueryOrders", new Dictionary<string, string> { ["CreateTimeStart"] = "yesterday" });
        bad.Code.Should().Be("InvalidParameter");
    }

    [Fact]
    public async Task QueryOrders_PartnerWithoutOwner_SeesEveryCustomer_CustomerScopeSeesOwn()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var second = await kit.AddCustomerAsync(1000m);
        await kit.BuyAsync();
        var p = SalesKit.Buy();
        p["OwnerId"] = second;
        await kit.Ok("CreateInstance", p);
        (await kit.OrdersAsync(new Dictionary<string, string> { ["OwnerId"] = "" })).Should().HaveCount(2);
        (await kit.OrdersAsync()).Should().ContainSingle();
        (await kit.OrdersAsync(new Dictionary<string, string> { ["OwnerId"] = second })).Should().ContainSingle();
    }

    [Fact]
    public async Task GetOrderDetail_OtherPartnersOrder_InvalidParameter()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var other = await SalesKit.CreateAsync(_app);
        var (_, orderId) = await other.BuyAsync();
        var r = await kit.Call("GetOrderDetail", new Dictionary<string, string> { ["OrderId"] = orderId, ["OwnerId"] = "" });
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("InvalidParameter");
    }

    [Fact]
    public async Task CancelOrder_PaidOrder_OrderCannotCancel()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var (_, orderId) = await kit.BuyAsync();
        var r = await kit.Call("CancelOrder", new Dictionary<string, string> { ["OrderId"] = orderId });
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("ORDER.CANNOT_CANCEL");
        (await kit.OrdersAsync())[0]!["PaymentStatus"]!.ToString().Should().Be("Paid");
    }
}
