using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

public sealed class LifecycleTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    private readonly Xunit.Abstractions.ITestOutputHelper _out;
    public LifecycleTests(EmulatorFixture f, Xunit.Abstractions.ITestOutputHelper output) => (_app, _out) = (f.App, output);

    /// <summary>The measured number in docs/sales-and-orders.md: one clock move applying 1,200 renewals and 1,200 notices.</summary>
    [Fact]
    public async Task AdvanceOneYear_HundredAutoRenewingInstances_AppliesEveryRenewalInSeconds()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 1_000_000m);
        for (var i = 0; i < 100; i++) await kit.BuyAsync(months: 1, bandwidth: "1", renewal: "AutoRenewal", renewPeriod: 1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await kit.AdvanceAsync(TimeSpan.FromDays(365));
        watch.Stop();
        _out.WriteLine($"advance one year, 100 auto-renewing instances: {watch.ElapsedMilliseconds} ms");
        var renewals = await kit.Ok("QueryOrders", new Dictionary<string, string> { ["OrderType"] = "Renew", ["PageSize"] = "1" });
        renewals["Data"]!["TotalCount"]!.GetValue<int>().Should().Be(1200);
        kit.Available().Should().Be(1_000_000m - 1300 * 23m);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task AutoRenewal_AdvanceOneYear_TwelveMonthlyRenewalOrdersInTimeOrder()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 10_000m);
        var (id, _) = await kit.BuyAsync(months: 1, bandwidth: "10", renewal: "AutoRenewal", renewPeriod: 1);
        var end = DateTime.Parse((await kit.InstanceAsync(id))!["EndTime"]!.ToString()).ToUniversalTime();

        await kit.AdvanceAsync(TimeSpan.FromDays(365));

        var instance = (await kit.InstanceAsync(id))!;
        instance["Status"]!.ToString().Should().Be("Normal");
        DateTime.Parse(instance["EndTime"]!.ToString()).ToUniversalTime().Should().Be(end.AddMonths(12));
        var renewals = await kit.OrdersAsync(new Dictionary<string, string> { ["OrderType"] = "Renew" });
        renewals.Should().HaveCount(12);
        renewals.Should().AllSatisfy(o => { o!["PaymentStatus"]!.ToString().Should().Be("Paid"); o["PretaxAmount"]!.ToString().Should().Be("230.00"); });
        var times = renewals.Select(o => DateTime.Parse(o!["CreateTime"]!.ToString()).ToUniversalTime()).OrderBy(t => t).ToList();
        times.Should().Equal(Enumerable.Range(0, 12).Select(m => end.AddMonths(m)));
        kit.Available().Should().Be(10_000m - 13 * 230m);
    }

    [Fact]
    public async Task NoCredit_Expires_StopsThenReleasedAfterFifteenDays_WithEvents()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 230m);
        var (id, orderId) = await kit.BuyAsync(months: 1, renewal: "AutoRenewal", renewPeriod: 1);
        var end = DateTime.Parse((await kit.InstanceAsync(id))!["EndTime"]!.ToString()).ToUniversalTime();

        await kit.AdvanceAsync(TimeSpan.FromDays(32));
        var expired = (await kit.InstanceAsync(id))!;
        expired["Status"]!.ToString().Should().Be("Expired");
        expired["SubStatus"]!.ToString().Should().Be("Stopped");
        DateTime.Parse(expired["StopTime"]!.ToString()).ToUniversalTime().Should().Be(end);
        DateTime.Parse(expired["ExpectedReleaseTime"]!.ToString()).ToUniversalTime().Should().Be(end.AddDays(15));
        var unpaid = await kit.OrdersAsync(new Dictionary<string, string> { ["PaymentStatus"] = "Unpaid" });
        unpaid.Should().ContainSingle().Which!["OrderType"]!.ToString().Should().Be("Renew");

        await kit.AdvanceAsync(TimeSpan.FromDays(20));
        (await kit.InstanceAsync(id)).Should().BeNull("released instances are no longer available");
        (await kit.OrdersAsync(new Dictionary<string, string> { ["PaymentStatus"] = "Cancelled" })).Should().ContainSingle();
        kit.Available().Should().Be(0m);

        var events = (await kit.EventsAsync()).Where(e => e!["instanceId"]?.ToString() == id).Select(e => e!["type"]!.ToString()).ToList();
        events.Should().Equal("OrderPaid", "InstanceExpiringSoon", "OrderUnpaid", "InstanceExpired", "OrderCancelled", "InstanceReleased");
        (await kit.EventsAsync()).First()!["orderId"]!.ToString().Should().Be(orderId);
    }

    [Fact]
    public async Task ManualRenewal_OfExpiredInstanceBeforeRelease_RunsAgain()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 230m);
        var (id, _) = await kit.BuyAsync(months: 1);
        await kit.AdvanceAsync(TimeSpan.FromDays(35));
        (await kit.InstanceAsync(id))!["Status"]!.ToString().Should().Be("Expired");
        var renew = new Dictionary<string, string> { ["InstanceId"] = id, ["ProductCode"] = "eip", ["RenewPeriod"] = "1" };
        (await kit.Call("RenewInstance", renew)).Code.Should().Be("InsufficientQuota");
        kit.SetQuota(460m);
        await kit.Ok("RenewInstance", renew);
        (await kit.InstanceAsync(id))!["Status"]!.ToString().Should().Be("Normal");
        await kit.AdvanceAsync(TimeSpan.FromDays(20));
        (await kit.InstanceAsync(id))!["Status"]!.ToString().Should().Be("Normal", "the renewal moved the end time a month past the old one");
    }

    [Fact]
    public async Task UnpaidAutoRenewalOrder_CanBeCancelledOnce()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 230m);
        await kit.BuyAsync(months: 1, renewal: "AutoRenewal", renewPeriod: 1);
        await kit.AdvanceAsync(TimeSpan.FromDays(31));
        var unpaid = (await kit.OrdersAsync(new Dictionary<string, string> { ["PaymentStatus"] = "Unpaid" })).Single()!["OrderId"]!.ToString();
        await kit.Ok("CancelOrder", new Dictionary<string, string> { ["OrderId"] = unpaid });
        var again = await kit.Call("CancelOrder", new Dictionary<string, string> { ["OrderId"] = unpaid });
        again.Code.Should().Be("ORDER.CANNOT_CANCEL");
        kit.Available().Should().Be(0m);
    }

    [Fact]
    public async Task ClockSetBackBeforeAppliedRenewal_Refused()
    {
        var kit = await SalesKit.CreateAsync(_app);
        await kit.BuyAsync(months: 1, renewal: "AutoRenewal", renewPeriod: 1);
        await kit.AdvanceAsync(TimeSpan.FromDays(40));
        var r = await _app.CreateClient().PostAsync($"/_emulator/partners/{kit.Partner.Uid}/clock/set",
            System.Net.Http.Json.JsonContent.Create(new { now = DateTimeOffset.UtcNow }));
        ((int)r.StatusCode).Should().Be(409);
    }
}
