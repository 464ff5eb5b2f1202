using System.Net;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

public sealed class ProductInfoTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    public ProductInfoTests(EmulatorFixture f) => _app = f.App;

    [Fact]
    public async Task QueryProductList_AllPages_ListsAtLeastTenProductsWithBillingMethods()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var first = await kit.Ok("QueryProductList", new Dictionary<string, string> { ["PageNum"] = "1", ["PageSize"] = "5", ["OwnerId"] = "" });
        var total = first["Data"]!["TotalCount"]!.GetValue<int>();
        first["Data"]!["ProductList"]!["Product"]!.AsArray().Should().HaveCount(5);
        var all = await kit.Ok("QueryProductList", new Dictionary<string, string> { ["PageNum"] = "1", ["PageSize"] = "100", ["OwnerId"] = "" });
        var rows = all["Data"]!["ProductList"]!["Product"]!.AsArray();
        rows.Should().HaveCount(total);
        rows.Select(r => r!["ProductCode"]!.ToString()).Distinct().Should().HaveCountGreaterThanOrEqualTo(10);
        rows.Select(r => r!["SubscriptionType"]!.ToString()).Distinct().Should().BeEquivalentTo("Subscription", "PayAsYouGo");
    }

    [Fact]
    public async Task QueryProductList_WithoutPageNum_MissingParameter()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        var r = await kit.Call("QueryProductList", new Dictionary<string, string> { ["OwnerId"] = "" });
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("MissingParameter");
    }

    [Fact]
    public async Task DescribePricingModule_Slb_ListsRegionAndModuleAttributes()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        var j = await kit.Ok("DescribePricingModule", new Dictionary<string, string> { ["ProductCode"] = "slb", ["SubscriptionType"] = "Subscription" });
        var attributes = j["Data"]!["AttributeList"]!["Attribute"]!.AsArray();
        attributes.Select(a => a!["Code"]!.ToString()).Should().Equal("Region", "InstanceSpec", "Bandwidth");
        attributes[2]!["Values"]!["AttributeValue"]![0]!["Type"]!.ToString().Should().Be("range");
        var modules = j["Data"]!["ModuleList"]!["Module"]!.AsArray();
        modules.Select(m => m!["PriceType"]!.ToString()).Should().AllBe("Month");
        modules[0]!["ConfigList"]!["ConfigList"]!.AsArray().Select(c => c!.ToString()).Should().Contain("InstanceSpec");
    }

    [Fact]
    public async Task DescribePricingModule_UnknownProduct_InvalidProductCode()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        var r = await kit.Call("DescribePricingModule", new Dictionary<string, string> { ["ProductCode"] = "nope", ["SubscriptionType"] = "Subscription" });
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("InvalidProductCode");
    }

    [Fact]
    public async Task GetSubscriptionPrice_OneYear_AppliesWholeYearDiscount()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        var j = await kit.Ok("GetSubscriptionPrice", Price("eip", "Bandwidth:10", quantity: 1, unit: "Year"));
        var d = j["Data"]!;
        SalesKit.Dec(d["OriginalPrice"]).Should().Be(2760m);
        SalesKit.Dec(d["DiscountPrice"]).Should().Be(414m);
        SalesKit.Dec(d["TradePrice"]).Should().Be(2346m);
        d["ModuleDetails"]!["ModuleDetail"]![0]!["UnitPrice"]!.GetValue<decimal>().Should().Be(230m);
    }

    [Fact]
    public async Task GetSubscriptionPrice_EqualsTheAmountOfTheOrderItAnnounces()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var price = await kit.Ok("GetSubscriptionPrice", new Dictionary<string, string>
        {
            ["ProductCode"] = "slb", ["SubscriptionType"] = "Subscription", ["OrderType"] = "NewOrder", ["Region"] = "cn-shanghai",
            ["ServicePeriodQuantity"] = "3", ["ServicePeriodUnit"] = "Month",
            ["ModuleList.1.ModuleCode"] = "InstanceSpec", ["ModuleList.1.Config"] = "InstanceSpec:slb.s2.small",
            ["ModuleList.2.ModuleCode"] = "Bandwidth", ["ModuleList.2.Config"] = "Bandwidth:5",
        });
        var buy = await kit.Ok("CreateInstance", new Dictionary<string, string>
        {
            ["ProductCode"] = "slb", ["SubscriptionType"] = "Subscription", ["Period"] = "3",
            ["Parameter.1.Code"] = "Region", ["Parameter.1.Value"] = "cn-shanghai",
            ["Parameter.2.Code"] = "InstanceSpec", ["Parameter.2.Value"] = "slb.s2.small",
            ["Parameter.3.Code"] = "Bandwidth", ["Parameter.3.Value"] = "5",
        });
        var detail = await kit.Ok("GetOrderDetail", new Dictionary<string, string> { ["OrderId"] = buy["Data"]!["OrderId"]!.ToString() });
        var order = detail["Data"]!["OrderList"]!["Order"]![0]!;
        SalesKit.Dec(order["PretaxAmount"]).Should().Be(SalesKit.Dec(price["Data"]!["TradePrice"])).And.Be((120m + 5 * 23m) * 3);
        kit.Available().Should().Be(10_000m - (120m + 115m) * 3);
    }

    [Fact]
    public async Task GetSubscriptionPrice_UnknownModule_InvalidModuleCode()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        var p = Price("eip", "Bandwidth:10");
        p["ModuleList.1.ModuleCode"] = "Nope";
        var r = await kit.Call("GetSubscriptionPrice", p);
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("InvalidModuleCode");
    }

    [Fact]
    public async Task GetSubscriptionPrice_OutOfRangeValue_InvalidConfigCode()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        var r = await kit.Call("GetSubscriptionPrice", Price("eip", "Bandwidth:9999"));
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("InvalidConfigCode");
    }

    [Fact]
    public async Task GetSubscriptionPrice_RenewalWithoutInstanceId_MissingParameter()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        var p = Price("eip", "Bandwidth:10");
        p["OrderType"] = "Renewal";
        var r = await kit.Call("GetSubscriptionPrice", p);
        r.Code.Should().Be("MissingParameter");
    }

    [Fact]
    public async Task GetPayAsYouGoPrice_AnswersHourlyUnitPrices()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        var j = await kit.Ok("GetPayAsYouGoPrice", new Dictionary<string, string>
        {
            ["ProductCode"] = "eip", ["SubscriptionType"] = "PayAsYouGo", ["Region"] = "cn-hangzhou",
            ["ModuleList.1.ModuleCode"] = "Bandwidth", ["ModuleList.1.Config"] = "Bandwidth:10", ["ModuleList.1.PriceType"] = "Hour",
        });
        j["Data"]!["Currency"]!.ToString().Should().Be("CNY");
        j["Data"]!["ModuleDetails"]!["ModuleDetail"]![0]!["UnitPrice"]!.GetValue<decimal>().Should().Be(0.63m);
    }

    [Fact]
    public async Task GetPayAsYouGoPrice_SubscriptionOnlyProduct_InvalidParameter()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 0);
        var r = await kit.Call("GetPayAsYouGoPrice", new Dictionary<string, string>
        {
            ["ProductCode"] = "waf", ["SubscriptionType"] = "PayAsYouGo",
            ["ModuleList.1.ModuleCode"] = "Edition", ["ModuleList.1.Config"] = "Edition:version_pro", ["ModuleList.1.PriceType"] = "Hour",
        });
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("InvalidParameter");
    }

    internal static Dictionary<string, string> Price(string product, string config, int quantity = 1, string unit = "Month") => new()
    {
        ["ProductCode"] = product, ["SubscriptionType"] = "Subscription", ["OrderType"] = "NewOrder",
        ["ServicePeriodQuantity"] = quantity.ToString(), ["ServicePeriodUnit"] = unit,
        ["ModuleList.1.ModuleCode"] = config.Split(':')[0], ["ModuleList.1.Config"] = config,
    };
}
