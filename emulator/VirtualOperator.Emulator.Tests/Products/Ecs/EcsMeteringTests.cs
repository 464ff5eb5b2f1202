using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Ecs;

/// <summary>
/// A PostPaid instance on the shared pay-as-you-go meter, over the wire: hourly charges from the customer's credit, each
/// settlement an order, overdue → stopped for arrears (lock financial) after the grace → reactivated after a top-up → released.
/// ecs.g7.large with its default 40 GiB system disk and no paid bandwidth costs 0.54 an hour (fixtures/seed/ecs.json).
/// </summary>
public sealed class EcsMeteringTests : IClassFixture<EmulatorFixture>
{
    private const decimal Hourly = 0.54m;
    private readonly EmulatorApplication _app;
    public EcsMeteringTests(EmulatorFixture f) => _app = f.App;

    private static async Task<JsonArray> Usage(EcsKit kit) =>
        (await kit.Sales.Ok("QueryOrders", new Dictionary<string, string> { ["ProductCode"] = "ecs", ["PageSize"] = "100" }))
        ["Data"]!["OrderList"]!["Order"]!.AsArray();

    [Fact]
    public async Task EveryWholeHour_IsChargedFromTheCredit_AsOneOrderPerSettlement()
    {
        var kit = await EcsKit.CreateAsync(_app, quota: 100m);
        var (id, _) = await kit.RunAsync();
        await kit.AdvanceAsync(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(30));

        kit.Available().Should().Be(100m - 5 * Hourly);
        var usage = (await Usage(kit)).Where(o => o!["OrderType"]!.ToString() == MeterOrders.OrderType).ToList();
        usage.Should().ContainSingle();
        var detail = await kit.Sales.Ok("GetOrderDetail", new Dictionary<string, string> { ["OrderId"] = usage[0]!["OrderId"]!.ToString() });
        var order = detail["Data"]!["OrderList"]!["Order"]![0]!;
        order["InstanceIDs"]!.ToString().Should().Be(id);
        order["ProductCode"]!.ToString().Should().Be("ecs");
        order["PaymentStatus"]!.ToString().Should().Be("Paid");
        decimal.Parse(usage[0]!["PretaxAmount"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(5 * Hourly);

        await kit.AdvanceAsync(TimeSpan.FromHours(2));
        kit.Available().Should().Be(100m - 7 * Hourly, "the next run settles only the hours since");
        (await Usage(kit)).Count(o => o!["OrderType"]!.ToString() == MeterOrders.OrderType).Should().Be(2);
    }

    [Fact]
    public async Task UnpaidHour_Overdue_ThenStoppedForArrears_ThenReactivated_ThenMeteredAgain()
    {
        var kit = await EcsKit.CreateAsync(_app, quota: 10m);
        var (id, _) = await kit.RunAsync();
        // 18 hours fit in 10.00 (9.72); the 19th does not.
        await kit.AdvanceAsync(TimeSpan.FromHours(20));
        kit.Available().Should().Be(10m - 18 * Hourly);
        (await kit.DescribeAsync(id))!["Status"]!.ToString().Should().Be("Running", "an overdue instance runs through the grace period");

        await kit.AdvanceAsync(PayAsYouGoMeter.GraceAfterOverdue);
        var stopped = (await kit.DescribeAsync(id))!;
        stopped["Status"]!.ToString().Should().Be("Stopped");
        stopped["OperationLocks"]!["LockReason"]![0]!["LockReason"]!.ToString().Should().Be("financial");
        var events = (await kit.Sales.Client.Http.GetStringAsync($"/_emulator/partners/{kit.PartnerUid}/messages"));
        events.Should().Contain("PayAsYouGoOverdue").And.Contain("PayAsYouGoStopped");

        var refused = await kit.Call("ReActivateInstances", new Dictionary<string, string> { ["InstanceId"] = id });
        refused.Code.Should().Be("InvalidAccountStatus.NotEnoughBalance");

        kit.SetQuota(100m);
        var before = kit.Available();
        await kit.Ok("ReActivateInstances", new Dictionary<string, string> { ["InstanceId"] = id });
        // Owed: from the last paid hour (18) to the stop (19 + 24 = 43): 25 hours.
        kit.Available().Should().Be(before - 25 * Hourly);
        (await kit.DescribeAsync(id))!["OperationLocks"]!["LockReason"]!.AsArray().Should().BeEmpty();
        await kit.AdvanceAsync(TimeSpan.FromMinutes(1));
        (await kit.DescribeAsync(id))!["Status"]!.ToString().Should().Be("Running");

        await kit.AdvanceAsync(TimeSpan.FromHours(3));
        kit.Available().Should().Be(before - 28 * Hourly, "metered again from the reactivation");
    }

    [Fact]
    public async Task StoppedForArrears_IsReleasedFifteenDaysLater()
    {
        var kit = await EcsKit.CreateAsync(_app, quota: 1m);
        var (id, _) = await kit.RunAsync();
        await kit.AdvanceAsync(TimeSpan.FromHours(2) + PayAsYouGoMeter.GraceAfterOverdue + TimeSpan.FromMinutes(1));
        (await kit.DescribeAsync(id))!["Status"]!.ToString().Should().Be("Stopped");

        await kit.AdvanceAsync(PayAsYouGoMeter.ReleaseAfterStop);
        (await kit.DescribeAsync(id)).Should().BeNull("released 15 days after the stop");
        var released = await kit.Call("ReActivateInstances", new Dictionary<string, string> { ["InstanceId"] = id });
        released.Code.Should().Be("InvalidInstanceId.NotFound");
        kit.Available().Should().Be(1m - Hourly, "one hour was paid, nothing after");
    }
}
