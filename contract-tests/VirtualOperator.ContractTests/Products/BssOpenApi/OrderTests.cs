using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.Products.BssOpenApi;

/// <summary>Orders (QueryOrders, GetOrderDetail, CancelOrder) and the subscription lifecycle on the virtual clock.</summary>
[EmulatorOnly("moves the virtual clock and creates partners through the control plane; prices come from the emulator's catalog")]
public sealed class OrderTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    /// <summary>A customer of a fresh partner that is not a test account (those stop answering after a virtual month).</summary>
    private async Task<(SalesCustomer Customer, string PartnerUid)> LongLivedCustomerAsync(decimal credit)
    {
        var partner = await fx.ControlPlane.CreatePartnerAsync(testAccount: false);
        var client = fx.Target.ClientFor(new AcsCredentials(partner.AccessKeyId, partner.AccessKeySecret));
        return (await SalesCustomer.CreateAsync(fx, credit, client), partner.Uid);
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task QueryOrders_FiltersByProductAndPages()
    {
        var c = await SalesCustomer.CreateAsync(fx, 2000m);
        await c.BuyEipAsync();
        await c.BuyEipAsync();
        await c.CallAsync("CreateInstance", new()
        {
            ["ProductCode"] = "nat", ["SubscriptionType"] = "Subscription", ["Period"] = "1",
            ["Parameter.1.Code"] = "Spec", ["Parameter.1.Value"] = "Small",
        });
        var page = (await c.CallAsync("QueryOrders", new() { ["PageNum"] = "1", ["PageSize"] = "2" })).Json["Data"]!;
        page["TotalCount"]!.GetValue<int>().Should().Be(3);
        page["OrderList"]!["Order"]!.AsArray().Should().HaveCount(2);
        (await c.OrdersAsync(new() { ["ProductCode"] = "nat" })).Single()!["PretaxAmount"]!.GetValue<string>().Should().Be("288.00");
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task QueryOrders_MalformedTime_FailsInvalidParameter()
    {
        var e = await Errors.Of(() => fx.Client.CallAsync("QueryOrders", new Dictionary<string, string> { ["CreateTimeStart"] = "28/11/2026" }));
        e.Code.Should().Be("InvalidParameter");
        e.Message.Should().Contain("CreateTimeStart");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task GetOrderDetail_ShowsTheInstanceConfigurationAndTerm()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var (id, orderId) = await c.BuyEipAsync(months: 3, bandwidth: 4);
        var o = (await c.CallAsync("GetOrderDetail", new() { ["OrderId"] = orderId })).Json["Data"]!["OrderList"]!["Order"]![0]!;
        o["InstanceIDs"]!.GetValue<string>().Should().Be(id);
        o["Config"]!.GetValue<string>().Should().Be("Region:cn-hangzhou,Bandwidth:4");
        o["PaymentStatus"]!.GetValue<string>().Should().Be("Paid");
        DateTime.Parse(o["UsageEndTime"]!.GetValue<string>()).Should().BeAfter(DateTime.Parse(o["UsageStartTime"]!.GetValue<string>()).AddDays(85));
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task GetOrderDetail_UnknownOrder_FailsInvalidParameter()
    {
        var e = await Errors.Of(() => fx.Client.CallAsync("GetOrderDetail", new Dictionary<string, string> { ["OrderId"] = "200000000000001" }));
        e.Code.Should().Be("InvalidParameter");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task CancelOrder_PaidOrder_FailsOrderCannotCancel()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var (_, orderId) = await c.BuyEipAsync();
        var e = await Errors.Of(() => c.CallAsync("CancelOrder", new() { ["OrderId"] = orderId }));
        e.HttpStatus.Should().Be(400);
        e.Code.Should().Be("ORDER.CANNOT_CANCEL");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task CancelOrder_UnpaidAutoRenewal_Cancelled()
    {
        var (c, partner) = await LongLivedCustomerAsync(230m);
        await c.BuyEipAsync(renewal: "AutoRenewal");
        await fx.ControlPlane.AdvanceClockAsync(partner, TimeSpan.FromDays(32));
        var unpaid = (await c.OrdersAsync(new() { ["PaymentStatus"] = "Unpaid" })).Single()!["OrderId"]!.GetValue<string>();
        await c.CallAsync("CancelOrder", new() { ["OrderId"] = unpaid });
        (await c.OrdersAsync(new() { ["PaymentStatus"] = "Cancelled" })).Single()!["OrderId"]!.GetValue<string>().Should().Be(unpaid);
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task AdvanceOneYear_AutoRenewsMonthlyWhileCreditLasts_ThenExpires()
    {
        var (c, partner) = await LongLivedCustomerAsync(230m * 6);
        var (id, _) = await c.BuyEipAsync(renewal: "AutoRenewal");
        await fx.ControlPlane.AdvanceClockAsync(partner, TimeSpan.FromDays(365));
        (await c.OrdersAsync(new() { ["OrderType"] = "Renew", ["PaymentStatus"] = "Paid" })).Should().HaveCount(5);
        (await c.InstanceAsync(id)).Should().BeNull("it expired after the fifth renewal and was released 15 days later");
        var events = await fx.ControlPlane.Http.GetStringAsync($"/_emulator/partners/{partner}/messages");
        events.Should().Contain("InstanceExpired").And.Contain("InstanceReleased").And.Contain("InstanceExpiringSoon");
    }
}
