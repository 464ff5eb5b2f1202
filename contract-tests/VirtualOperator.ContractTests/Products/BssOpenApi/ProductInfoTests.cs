using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.Products.BssOpenApi;

/// <summary>Product information: QueryProductList, DescribePricingModule, GetSubscriptionPrice, GetPayAsYouGoPrice.</summary>
[EmulatorOnly("expected products and prices come from the emulator's catalog (fixtures/seed/products.json); not yet recorded against a real account")]
public sealed class ProductInfoTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    private static Dictionary<string, string> EipPrice(string config = "Bandwidth:10", string orderType = "NewOrder") => new()
    {
        ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["OrderType"] = orderType, ["Region"] = "cn-hangzhou",
        ["ServicePeriodQuantity"] = "1", ["ServicePeriodUnit"] = "Year",
        ["ModuleList.1.ModuleCode"] = config.Split(':')[0], ["ModuleList.1.Config"] = config,
    };

    [ContractFact, Cost(Cost.Free)]
    public async Task QueryProductList_PagesThroughTheCatalog()
    {
        var r = (await fx.Client.CallAsync("QueryProductList", new Dictionary<string, string> { ["PageNum"] = "2", ["PageSize"] = "3" })).Json;
        r["Data"]!["PageNum"]!.GetValue<int>().Should().Be(2);
        r["Data"]!["ProductList"]!["Product"]!.AsArray().Should().HaveCount(3);
        r["Data"]!["TotalCount"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(10);
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task QueryProductList_PageSizeZero_FailsInvalidParameter()
    {
        var e = await Errors.Of(() => fx.Client.CallAsync("QueryProductList", new Dictionary<string, string> { ["PageNum"] = "1", ["PageSize"] = "0" }));
        e.HttpStatus.Should().Be(400);
        e.Code.Should().Be("InvalidParameter");
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task DescribePricingModule_PayAsYouGo_PricesByTheHour()
    {
        var r = (await fx.Client.CallAsync("DescribePricingModule", new Dictionary<string, string> { ["ProductCode"] = "nat", ["SubscriptionType"] = "PayAsYouGo" })).Json;
        r["Data"]!["ModuleList"]!["Module"]![0]!["PriceType"]!.GetValue<string>().Should().Be("Hour");
        r["Data"]!["AttributeList"]!["Attribute"]![1]!["Values"]!["AttributeValue"]!.AsArray().Select(v => v!["Value"]!.GetValue<string>())
            .Should().Contain("Small");
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task DescribePricingModule_NotSoldAsPayAsYouGo_FailsInvalidParameter()
    {
        var e = await Errors.Of(() => fx.Client.CallAsync("DescribePricingModule", new Dictionary<string, string> { ["ProductCode"] = "waf", ["SubscriptionType"] = "PayAsYouGo" }));
        e.Code.Should().Be("InvalidParameter");
        e.Message.Should().Contain("waf");
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task GetSubscriptionPrice_OneYear_DiscountsTheWholeYear()
    {
        var d = (await fx.Client.CallAsync("GetSubscriptionPrice", EipPrice())).Json["Data"]!;
        SalesCustomer.Amount(d["OriginalPrice"]).Should().Be(2760m);
        SalesCustomer.Amount(d["TradePrice"]).Should().Be(2346m);
        d["Currency"]!.GetValue<string>().Should().Be("CNY");
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task GetSubscriptionPrice_UnknownModule_FailsInvalidModuleCode()
    {
        var e = await Errors.Of(() => fx.Client.CallAsync("GetSubscriptionPrice", EipPrice("Storage:10")));
        e.Code.Should().Be("InvalidModuleCode");
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task GetPayAsYouGoPrice_AnswersHourlyUnitPrice()
    {
        var d = (await fx.Client.CallAsync("GetPayAsYouGoPrice", new Dictionary<string, string>
        {
            ["ProductCode"] = "nat", ["SubscriptionType"] = "PayAsYouGo",
            ["ModuleList.1.ModuleCode"] = "Spec", ["ModuleList.1.Config"] = "Spec:Middle", ["ModuleList.1.PriceType"] = "Hour",
        })).Json["Data"]!;
        d["ModuleDetails"]!["ModuleDetail"]![0]!["UnitPrice"]!.GetValue<decimal>().Should().Be(0.8m);
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task GetPayAsYouGoPrice_ValueNotOffered_FailsInvalidConfigCode()
    {
        var e = await Errors.Of(() => fx.Client.CallAsync("GetPayAsYouGoPrice", new Dictionary<string, string>
        {
            ["ProductCode"] = "nat", ["SubscriptionType"] = "PayAsYouGo",
            ["ModuleList.1.ModuleCode"] = "Spec", ["ModuleList.1.Config"] = "Spec:Huge", ["ModuleList.1.PriceType"] = "Hour",
        }));
        e.Code.Should().Be("InvalidConfigCode");
    }
}

internal static class Errors
{
    /// <summary>The error a call answers; fails the test when it succeeds.</summary>
    public static async Task<AcsApiException> Of(Func<Task> call) => (await call.Should().ThrowAsync<AcsApiException>()).Which;
}
