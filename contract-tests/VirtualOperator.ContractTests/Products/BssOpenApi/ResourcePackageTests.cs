using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.Products.BssOpenApi;

/// <summary>Resource packages and bill subscriptions.</summary>
[EmulatorOnly("packages and prices come from the emulator's catalog; bill subscriptions are read back through the control plane")]
public sealed class ResourcePackageTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    private const string Storage = "FPT_ossbag_absolute_Storage_cn";

    private static Dictionary<string, string> OssPackage(string spec = "100", string duration = "1") => new()
    {
        ["ProductCode"] = "oss", ["PackageType"] = Storage, ["Specification"] = spec, ["Duration"] = duration, ["PricingCycle"] = "Month",
    };

    private static async Task<string> BuyAsync(SalesCustomer c, string spec = "100") =>
        (await c.CallAsync("CreateResourcePackage", OssPackage(spec))).Json["Data"]!["InstanceId"]!.GetValue<string>();

    [ContractFact, Cost(Cost.Free)]
    public async Task DescribeResourcePackageProduct_ListsSpecificationsWithDurations()
    {
        var r = (await fx.Client.CallAsync("DescribeResourcePackageProduct", new Dictionary<string, string> { ["ProductCode"] = "oss" })).Json;
        var types = r["Data"]!["ResourcePackages"]!["ResourcePackage"]![0]!["PackageTypes"]!["PackageType"]!.AsArray();
        types.Select(t => t!["Code"]!.GetValue<string>()).Should().Contain(Storage);
        types[0]!["Specifications"]!["Specification"]![0]!["AvailableDurations"]!["AvailableDuration"]!.AsArray().Should().NotBeEmpty();
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task DescribeResourcePackageProduct_WithoutProductCode_FailsMissingParameter()
    {
        var e = await Errors.Of(() => fx.Client.CallAsync("DescribeResourcePackageProduct"));
        e.Code.Should().Be("MissingParameter");
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task GetResourcePackagePrice_ThreeMonths()
    {
        var d = (await fx.Client.CallAsync("GetResourcePackagePrice", OssPackage("500", "3"))).Json["Data"]!;
        SalesCustomer.Amount(d["TradePrice"]).Should().Be(162m);
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task GetResourcePackagePrice_UnknownSpecification_FailsInvalidParameter()
    {
        var e = await Errors.Of(() => fx.Client.CallAsync("GetResourcePackagePrice", OssPackage("7")));
        e.Code.Should().Be("InvalidParameter");
        e.Message.Should().Contain("Specification");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task CreateResourcePackage_ListedByQueryResourcePackageInstances()
    {
        var c = await SalesCustomer.CreateAsync(fx, 100m);
        var id = await BuyAsync(c);
        var r = (await c.CallAsync("QueryResourcePackageInstances", new() { ["ProductCode"] = "oss" })).Json;
        r["Total"]!.GetValue<int>().Should().Be(1);
        var row = r["Data"]!["Instances"]!["Instance"]![0]!;
        row["InstanceId"]!.GetValue<string>().Should().Be(id);
        row["PackageType"]!.GetValue<string>().Should().Be(Storage);
        row["RemainingAmountUnit"]!.GetValue<string>().Should().Be("GB");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task CreateResourcePackage_CreditTooSmall_FailsInsufficientQuota()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1m);
        var e = await Errors.Of(() => c.CallAsync("CreateResourcePackage", OssPackage()));
        e.Code.Should().Be("InsufficientQuota");
        (await c.CallAsync("QueryResourcePackageInstances")).Json["Total"]!.GetValue<int>().Should().Be(0);
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task QueryResourcePackageInstances_BadExpiryTime_FailsInvalidParameter()
    {
        var e = await Errors.Of(() => fx.Client.CallAsync("QueryResourcePackageInstances", new Dictionary<string, string> { ["ExpiryTimeStart"] = "soon" }));
        e.Code.Should().Be("InvalidParameter");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task RenewResourcePackage_ChargesTheRenewal()
    {
        var c = await SalesCustomer.CreateAsync(fx, 100m);
        var id = await BuyAsync(c);
        var r = (await c.CallAsync("RenewResourcePackage", new() { ["InstanceId"] = id, ["Duration"] = "6", ["PricingCycle"] = "Month" })).Json;
        r["OrderId"]!.GetValue<long>().Should().BePositive();
        (await c.OrdersAsync(new() { ["OrderType"] = "Renew" })).Single()!["PretaxAmount"]!.GetValue<string>().Should().Be("71.88");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task RenewResourcePackage_WithoutPricingCycle_FailsMissingParameter()
    {
        var c = await SalesCustomer.CreateAsync(fx, 100m);
        var id = await BuyAsync(c);
        var e = await Errors.Of(() => c.CallAsync("RenewResourcePackage", new() { ["InstanceId"] = id, ["Duration"] = "1" }));
        e.Code.Should().Be("MissingParameter");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task UpgradeResourcePackage_ToLargerSpecification()
    {
        var c = await SalesCustomer.CreateAsync(fx, 500m);
        var id = await BuyAsync(c);
        await c.CallAsync("UpgradeResourcePackage", new() { ["InstanceId"] = id, ["Specification"] = "500" });
        var row = (await c.CallAsync("QueryResourcePackageInstances")).Json["Data"]!["Instances"]!["Instance"]![0]!;
        row["TotalAmount"]!.GetValue<string>().Should().Be("500");
        (await c.OrdersAsync(new() { ["OrderType"] = "Upgrade" })).Should().ContainSingle();
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task UpgradeResourcePackage_UnknownInstance_FailsNotFound()
    {
        var c = await SalesCustomer.CreateAsync(fx, 0m);
        var e = await Errors.Of(() => c.CallAsync("UpgradeResourcePackage", new() { ["InstanceId"] = "OSSBAG-unknown", ["Specification"] = "500" }));
        e.Code.Should().Be("InvalidInstanceId.NotFound");
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task SubscribeBillToOSS_ShownByTheControlPlane_UnsubscribeTwiceFails()
    {
        await fx.Client.CallAsync("SubscribeBillToOSS", new Dictionary<string, string> { ["SubscribeBucket"] = "contract-bills", ["SubscribeType"] = "MonthBill" });
        var shown = await fx.ControlPlane.Http.GetStringAsync($"/_emulator/partners/{fx.Partner.Uid}/bill-subscriptions");
        shown.Should().Contain("contract-bills").And.Contain("MonthBill");
        await fx.Client.CallAsync("UnsubscribeBillToOSS", new Dictionary<string, string> { ["SubscribeType"] = "MonthBill" });
        var e = await Errors.Of(() => fx.Client.CallAsync("UnsubscribeBillToOSS", new Dictionary<string, string> { ["SubscribeType"] = "MonthBill" }));
        e.Code.Should().Be("InvalidParameter");
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task SubscribeBillToOSS_BadBillingCycle_FailsInvalidParameter()
    {
        var e = await Errors.Of(() => fx.Client.CallAsync("SubscribeBillToOSS", new Dictionary<string, string>
        {
            ["SubscribeBucket"] = "b", ["BeginBillingCycle"] = "November",
        }));
        e.Code.Should().Be("InvalidParameter");
    }
}
