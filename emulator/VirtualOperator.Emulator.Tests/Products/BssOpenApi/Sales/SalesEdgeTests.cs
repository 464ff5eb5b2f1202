using System.Net;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

/// <summary>The refusals of the sales actions: each answers its error and changes nothing.</summary>
public sealed class SalesEdgeTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    public SalesEdgeTests(EmulatorFixture f) => _app = f.App;

    private static async Task ExpectAsync(SalesKit kit, string action, Dictionary<string, string> p, string code)
    {
        var before = kit.Available();
        var orders = (await kit.OrdersAsync()).Count;
        var r = await kit.Call(action, p);
        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be(code, r.Text);
        kit.Available().Should().Be(before);
        (await kit.OrdersAsync()).Should().HaveCount(orders);
    }

    [Fact]
    public async Task CreateInstance_RegionNotSold_InvalidParameter()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var p = SalesKit.Buy();
        p["Parameter.1.Value"] = "mars-north-1";
        await ExpectAsync(kit, "CreateInstance", p, "InvalidParameter");
    }

    [Fact]
    public async Task CreateInstance_UnknownAttribute_InvalidConfigCode()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var p = SalesKit.Buy();
        p["Parameter.3.Code"] = "Colour";
        p["Parameter.3.Value"] = "blue";
        await ExpectAsync(kit, "CreateInstance", p, "InvalidConfigCode");
    }

    [Fact]
    public async Task CreateInstance_RequiredAttributeLeftOut_InvalidConfigCode()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var p = SalesKit.Buy();
        p.Remove("Parameter.2.Code");
        p.Remove("Parameter.2.Value");
        await ExpectAsync(kit, "CreateInstance", p, "InvalidConfigCode");
    }

    [Fact]
    public async Task CreateInstance_PeriodOverFiveYears_InvalidParameter()
    {
        var kit = await SalesKit.CreateAsync(_app);
        await ExpectAsync(kit, "CreateInstance", SalesKit.Buy(months: 61), "InvalidParameter");
    }

    [Fact]
    public async Task RenewInstance_PayAsYouGo_IncorrectInstanceStatus()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var p = SalesKit.Buy();
        p["SubscriptionType"] = "PayAsYouGo";
        var id = (await kit.Ok("CreateInstance", p))["Data"]!["InstanceId"]!.ToString();
        await ExpectAsync(kit, "RenewInstance", new() { ["InstanceId"] = id, ["ProductCode"] = "eip", ["RenewPeriod"] = "1" }, "IncorrectInstanceStatus");
    }

    [Fact]
    public async Task RenewInstance_NamedWithAnotherProduct_NotFound()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var (id, _) = await kit.BuyAsync();
        await ExpectAsync(kit, "RenewInstance", new() { ["InstanceId"] = id, ["ProductCode"] = "slb", ["RenewPeriod"] = "1" }, "InvalidInstanceId.NotFound");
    }

    [Fact]
    public async Task ModifyInstance_ExpiredInstance_IncorrectInstanceStatus()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var (id, _) = await kit.BuyAsync();
        await kit.AdvanceAsync(TimeSpan.FromDays(33));
        await ExpectAsync(kit, "ModifyInstance", new()
        {
            ["InstanceId"] = id, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["ModifyType"] = "Upgrade",
            ["Parameter.1.Code"] = "Bandwidth", ["Parameter.1.Value"] = "50",
        }, "IncorrectInstanceStatus");
    }

    [Fact]
    public async Task ModifyInstance_UnknownModifyType_InvalidParameter()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var (id, _) = await kit.BuyAsync();
        await ExpectAsync(kit, "ModifyInstance", new()
        {
            ["InstanceId"] = id, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["ModifyType"] = "Sideways",
        }, "InvalidParameter");
    }

    [Fact]
    public async Task SetRenewal_UnknownStatus_InvalidParameter()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var (id, _) = await kit.BuyAsync();
        var r = await kit.Call("SetRenewal", new Dictionary<string, string> { ["InstanceIDs"] = id, ["ProductCode"] = "eip", ["RenewalStatus"] = "Sometimes" });
        r.Code.Should().Be("InvalidParameter");
    }

    [Fact]
    public async Task QueryAvailableInstances_EndTimeWindow_SelectsByEndTime()
    {
        var kit = await SalesKit.CreateAsync(_app);
        var (shortTerm, _) = await kit.BuyAsync(months: 1);
        var (longTerm, _) = await kit.BuyAsync(months: 6);
        var end = DateTime.Parse((await kit.InstanceAsync(shortTerm))!["EndTime"]!.ToString()).ToUniversalTime();
        var window = new Dictionary<string, string>
        {
            ["EndTimeStart"] = end.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), ["EndTimeEnd"] = end.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        };
        var list = (await kit.Ok("QueryAvailableInstances", window))["Data"]!["InstanceList"]!.AsArray();
        list.Select(i => i!["InstanceID"]!.ToString()).Should().Equal(shortTerm).And.NotContain(longTerm);
    }
}
