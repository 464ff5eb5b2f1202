using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

public sealed class ResourcePackageTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    public ResourcePackageTests(EmulatorFixture f) => _app = f.App;

    private static Dictionary<string, string> Package(string spec = "100", int duration = 1, string cycle = "Month") => new()
    {
        ["ProductCode"] = "cdn", ["PackageType"] = "FPT_cdnpaybag_deadlineAcc_1541405199", ["Specification"] = spec,
        ["Duration"] = duration.ToString(), ["PricingCycle"] = cycle,
    };

    [Fact]
    public async Task DescribeResourcePackageProduct_Cdn_ListsPackageTypesAndSpecifications()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        var j = await kit.Ok("DescribeResourcePackageProduct", new Dictionary<string, string> { ["ProductCode"] = "cdn", ["OwnerId"] = "" });
        var type = j["Data"]!["ResourcePackages"]!["ResourcePackage"]![0]!["PackageTypes"]!["PackageType"]![0]!;
        type["Code"]!.ToString().Should().Be("FPT_cdnpaybag_deadlineAcc_1541405199");
        type["Specifications"]!["Specification"]!.AsArray().Select(s => s!["Value"]!.ToString()).Should().Contain("100");
    }

    [Fact]
    public async Task DescribeResourcePackageProduct_ProductWithoutPackages_InvalidProductCode()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        var r = await kit.Call("DescribeResourcePackageProduct", new Dictionary<string, string> { ["ProductCode"] = "waf" });
        r.Code.Should().Be("InvalidProductCode");
    }

    [Fact]
    public async Task CreateResourcePackage_CostsItsPriceAndIsListed()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 1000m);
        var price = await kit.Ok("GetResourcePackagePrice", Package("500", 3));
        SalesKit.Dec(price["Data"]!["TradePrice"]).Should().Be(228m);
        var bought = await kit.Ok("CreateResourcePackage", Package("500", 3));
        bought["OrderId"]!.GetValueKind().Should().Be(System.Text.Json.JsonValueKind.Number);
        var id = bought["Data"]!["InstanceId"]!.ToString();
        kit.Available().Should().Be(1000m - 228m);
        var list = await kit.Ok("QueryResourcePackageInstances", new Dictionary<string, string> { ["ProductCode"] = "cdn" });
        list["Total"]!.GetValue<int>().Should().Be(1);
        list["Data"]!["TotalCount"]!.ToString().Should().Be("1");
        var row = list["Data"]!["Instances"]!["Instance"]![0]!;
        row["InstanceId"]!.ToString().Should().Be(id);
        row["Status"]!.ToString().Should().Be("Available");
        row["TotalAmount"]!.ToString().Should().Be("500");
    }

    [Fact]
    public async Task CreateResourcePackage_DurationNotOffered_InvalidParameter()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var r = await kit.Call("CreateResourcePackage", Package("100", 2));
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("InvalidParameter");
    }

    [Fact]
    public async Task RenewAndUpgradeResourcePackage_PriceMatchesOrders_ExpiresAfterTerm()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 10_000m);
        var id = (await kit.Ok("CreateResourcePackage", Package("100", 1)))["Data"]!["InstanceId"]!.ToString();
        var renewPrice = Package("100", 3);
        renewPrice["OrderType"] = "RENEW";
        renewPrice["InstanceId"] = id;
        var expected = SalesKit.Dec((await kit.Ok("GetResourcePackagePrice", renewPrice))["Data"]!["TradePrice"]);
        var before = kit.Available();
        await kit.Ok("RenewResourcePackage", new Dictionary<string, string> { ["InstanceId"] = id, ["Duration"] = "3", ["PricingCycle"] = "Month" });
        (before - kit.Available()).Should().Be(expected).And.Be(48m);

        var upPrice = Package("1024", 1);
        upPrice["OrderType"] = "UPGRADE";
        upPrice["InstanceId"] = id;
        var upExpected = SalesKit.Dec((await kit.Ok("GetResourcePackagePrice", upPrice))["Data"]!["TradePrice"]);
        before = kit.Available();
        await kit.Ok("UpgradeResourcePackage", new Dictionary<string, string> { ["InstanceId"] = id, ["Specification"] = "1024" });
        (before - kit.Available()).Should().Be(upExpected);
        upExpected.Should().BeGreaterThan(0m);

        var down = await kit.Call("UpgradeResourcePackage", new Dictionary<string, string> { ["InstanceId"] = id, ["Specification"] = "100" });
        down.Code.Should().Be("InvalidParameter");

        await kit.AdvanceAsync(TimeSpan.FromDays(130));
        var row = (await kit.Ok("QueryResourcePackageInstances"))["Data"]!["Instances"]!["Instance"]![0]!;
        row["Status"]!.ToString().Should().Be("Expired");
        row["TotalAmount"]!.ToString().Should().Be("1024");
        var renewExpired = await kit.Call("RenewResourcePackage", new Dictionary<string, string> { ["InstanceId"] = id, ["Duration"] = "1", ["PricingCycle"] = "Month" });
        renewExpired.Code.Should().Be("IncorrectInstanceStatus");
    }

    [Fact]
    public async Task SubscribeBillToOSS_RecordedAndShownByControlPlane_UnsubscribeRemovesIt()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        await kit.Ok("SubscribeBillToOSS", new Dictionary<string, string>
        {
            ["OwnerId"] = "", ["SubscribeBucket"] = "my-bills", ["SubscribeType"] = "InstanceDetailMonthly", ["BeginBillingCycle"] = "2026-11",
        });
        var shown = await _app.CreateClient().GetFromJsonAsync<JsonArray>($"/_emulator/partners/{kit.Partner.Uid}/bill-subscriptions");
        shown!.Should().ContainSingle();
        shown![0]!["subscribeBucket"]!.ToString().Should().Be("my-bills");
        shown[0]!["subscribeType"]!.ToString().Should().Be("InstanceDetailMonthly");

        await kit.Ok("UnsubscribeBillToOSS", new Dictionary<string, string> { ["OwnerId"] = "", ["SubscribeType"] = "InstanceDetailMonthly" });
        (await _app.CreateClient().GetFromJsonAsync<JsonArray>($"/_emulator/partners/{kit.Partner.Uid}/bill-subscriptions"))!.Should().BeEmpty();
        var again = await kit.Call("UnsubscribeBillToOSS", new Dictionary<string, string> { ["OwnerId"] = "", ["SubscribeType"] = "InstanceDetailMonthly" });
        again.Code.Should().Be("InvalidParameter");
    }

    [Fact]
    public async Task SubscribeBillToOSS_WithoutBucket_MissingParameter_UnknownType_InvalidParameter()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        (await kit.Call("SubscribeBillToOSS", new Dictionary<string, string> { ["OwnerId"] = "" })).Code.Should().Be("MissingParameter");
        (await kit.Call("SubscribeBillToOSS", new Dictionary<string, string> { ["OwnerId"] = "", ["SubscribeBucket"] = "b", ["SubscribeType"] = "Nope" }))
            .Code.Should().Be("InvalidParameter");
    }
}
