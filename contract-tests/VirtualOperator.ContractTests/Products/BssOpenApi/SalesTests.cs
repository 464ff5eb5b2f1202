using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Products.Sts;

namespace VirtualOperator.ContractTests.Products.BssOpenApi;

/// <summary>Generic sales: CreateInstance, QueryAvailableInstances, RenewInstance, SetRenewal, ModifyInstance, ConvertChargeType.</summary>
[EmulatorOnly("products and prices come from the emulator's catalog (fixtures/seed/products.json); not yet recorded against a real account")]
public sealed class SalesTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task CreateInstance_PaidOrderAndListedInstance()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var (id, orderId) = await c.BuyEipAsync(months: 2, bandwidth: 5);
        var instance = (await c.InstanceAsync(id))!;
        instance["Status"]!.GetValue<string>().Should().Be("Normal");
        instance["ProductCode"]!.GetValue<string>().Should().Be("eip");
        var order = (await c.OrdersAsync()).Single()!;
        order["OrderId"]!.GetValue<string>().Should().Be(orderId);
        order["PretaxAmount"]!.GetValue<string>().Should().Be("230.00");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task CreateInstance_CreditTooSmall_FailsAndWritesNothing()
    {
        var c = await SalesCustomer.CreateAsync(fx, 100m);
        var e = await Errors.Of(() => c.CallAsync("CreateInstance", SalesCustomer.EipPurchase()));
        e.HttpStatus.Should().Be(400);
        e.Code.Should().Be("InsufficientQuota");
        (await c.OrdersAsync()).Should().BeEmpty();
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task CreateInstance_ParallelRetriesOfOneClientToken_OneOrder()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var orders = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => c.BuyEipAsync(clientToken: "contract-token")));
        orders.Distinct().Should().ContainSingle();
        (await c.OrdersAsync()).Should().ContainSingle();
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task QueryAvailableInstances_FiltersByRenewStatus()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var (auto, _) = await c.BuyEipAsync(renewal: "AutoRenewal");
        await c.BuyEipAsync();
        var list = (await c.CallAsync("QueryAvailableInstances", new() { ["RenewStatus"] = "AutoRenewal" })).Json["Data"]!["InstanceList"]!.AsArray();
        list.Select(i => i!["InstanceID"]!.GetValue<string>()).Should().Equal(auto);
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task QueryAvailableInstances_OwnerOfAnotherPartner_FailsInvalidOwner()
    {
        var e = await Errors.Of(() => fx.Client.CallAsync("QueryAvailableInstances", new Dictionary<string, string> { ["OwnerId"] = "1999999999999999" }));
        e.Code.Should().Be("InvalidOwner");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task RenewInstance_ExtendsTheEndTimeByTheRenewalPeriod()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var (id, _) = await c.BuyEipAsync();
        var end = DateTime.Parse((await c.InstanceAsync(id))!["EndTime"]!.GetValue<string>()).ToUniversalTime();
        await c.CallAsync("RenewInstance", new() { ["InstanceId"] = id, ["ProductCode"] = "eip", ["RenewPeriod"] = "3" });
        DateTime.Parse((await c.InstanceAsync(id))!["EndTime"]!.GetValue<string>()).ToUniversalTime().Should().Be(end.AddMonths(3));
        (await c.OrdersAsync(new() { ["OrderType"] = "Renew" })).Single()!["PretaxAmount"]!.GetValue<string>().Should().Be("690.00");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task RenewInstance_UnknownInstance_FailsNotFound()
    {
        var c = await SalesCustomer.CreateAsync(fx, 0m);
        var e = await Errors.Of(() => c.CallAsync("RenewInstance", new() { ["InstanceId"] = "eip-unknown", ["ProductCode"] = "eip", ["RenewPeriod"] = "1" }));
        e.Code.Should().Be("InvalidInstanceId.NotFound");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task SetRenewal_AutoRenewal_ShownOnTheInstance()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var (id, _) = await c.BuyEipAsync();
        await c.CallAsync("SetRenewal", new() { ["InstanceIDs"] = id, ["ProductCode"] = "eip", ["RenewalStatus"] = "AutoRenewal", ["RenewalPeriod"] = "6" });
        var i = (await c.InstanceAsync(id))!;
        i["RenewStatus"]!.GetValue<string>().Should().Be("AutoRenewal");
        i["RenewalDuration"]!.GetValue<int>().Should().Be(6);
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task SetRenewal_AutoRenewalWithoutPeriod_FailsMissingParameter()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var (id, _) = await c.BuyEipAsync();
        var e = await Errors.Of(() => c.CallAsync("SetRenewal", new() { ["InstanceIDs"] = id, ["ProductCode"] = "eip", ["RenewalStatus"] = "AutoRenewal" }));
        e.Code.Should().Be("MissingParameter");
        e.Message.Should().Contain("RenewalPeriod");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task ModifyInstance_Upgrade_PaysWhatTheUpgradePriceSays()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var (id, _) = await c.BuyEipAsync(bandwidth: 10);
        var price = (await c.CallAsync("GetSubscriptionPrice", new()
        {
            ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["OrderType"] = "Upgrade", ["InstanceId"] = id,
            ["ModuleList.1.ModuleCode"] = "Bandwidth", ["ModuleList.1.Config"] = "Bandwidth:12",
        })).Json["Data"]!["TradePrice"];
        var r = (await c.CallAsync("ModifyInstance", new()
        {
            ["InstanceId"] = id, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["ModifyType"] = "Upgrade",
            ["Parameter.1.Code"] = "Bandwidth", ["Parameter.1.Value"] = "12",
        })).Json;
        var detail = (await c.CallAsync("GetOrderDetail", new() { ["OrderId"] = r["Data"]!["OrderId"]!.GetValue<string>() })).Json;
        SalesCustomer.Amount(detail["Data"]!["OrderList"]!["Order"]![0]!["PretaxAmount"]).Should().Be(SalesCustomer.Amount(price));
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task ModifyInstance_DowngradeThatCostsMore_FailsInvalidParameter()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var (id, _) = await c.BuyEipAsync(bandwidth: 10);
        var e = await Errors.Of(() => c.CallAsync("ModifyInstance", new()
        {
            ["InstanceId"] = id, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["ModifyType"] = "Downgrade",
            ["Parameter.1.Code"] = "Bandwidth", ["Parameter.1.Value"] = "20",
        }));
        e.Code.Should().Be("InvalidParameter");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task ConvertChargeType_SubscriptionToPayAsYouGo_DropsTheEndTime()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var (id, _) = await c.BuyEipAsync();
        await c.CallAsync("ConvertChargeType", new() { ["InstanceId"] = id, ["ProductCode"] = "eip", ["SubscriptionType"] = "PayAsYouGo" });
        var i = (await c.InstanceAsync(id))!;
        i["SubscriptionType"]!.GetValue<string>().Should().Be("PayAsYouGo");
        i.ContainsKey("EndTime").Should().BeFalse();
        (await c.OrdersAsync(new() { ["OrderType"] = "Convert" })).Should().ContainSingle();
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task ConvertChargeType_ToSubscriptionWithoutPeriod_FailsMissingParameter()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var p = SalesCustomer.EipPurchase();
        p["SubscriptionType"] = "PayAsYouGo";
        var id = (await c.CallAsync("CreateInstance", p)).Json["Data"]!["InstanceId"]!.GetValue<string>();
        var e = await Errors.Of(() => c.CallAsync("ConvertChargeType", new() { ["InstanceId"] = id, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription" }));
        e.Code.Should().Be("MissingParameter");
        e.Message.Should().Contain("Period");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task CustomerThroughSts_SeesOnlyItsOwnOrders_PartnerSeesBoth()
    {
        var mine = await SalesCustomer.CreateAsync(fx, 1000m);
        var other = await SalesCustomer.CreateAsync(fx, 1000m);
        await mine.BuyEipAsync();
        var (_, theirOrder) = await other.BuyEipAsync();

        var sts = (await fx.Client.AssumeRoleAsync($"acs:ram::{mine.Uid}:role/ResellerAdminRole")).StsCredentials();
        var asCustomer = fx.Target.ClientFor(sts);
        var own = (await asCustomer.CallAsync("QueryOrders")).Json["Data"]!;
        own["TotalCount"]!.GetValue<int>().Should().Be(1);
        var e = await Errors.Of(() => asCustomer.CallAsync("GetOrderDetail", new Dictionary<string, string> { ["OrderId"] = theirOrder }));
        e.Code.Should().Be("InvalidParameter");

        var all = (await fx.Client.CallAsync("QueryOrders", new Dictionary<string, string> { ["PageSize"] = "100" })).Json["Data"]!["OrderList"]!["Order"]!.AsArray();
        all.Select(o => o!["OrderId"]!.GetValue<string>()).Should().Contain(theirOrder);
    }
}
