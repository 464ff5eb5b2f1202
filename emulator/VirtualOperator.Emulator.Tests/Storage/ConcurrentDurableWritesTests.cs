using System.Globalization;
using System.Net;
using VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Storage;

/// <summary>
/// With <c>--data</c>, quota changes (ledger and OutBizId record written together), purchases (a charge plus an order,
/// an instance and an event), new customers and alarm events all write at once from parallel calls. All of them go
/// through one write gate (WriteGatedCollection, against litedb-org/LiteDB#2825); none may deadlock, answer 500, or
/// be lost across a restart.
/// </summary>
public sealed class ConcurrentDurableWritesTests : IDisposable
{
    private const string Version = "2017-12-14";
    private readonly TempDataDir _temp = new("concurrent");
    private string DataPath => _temp.DataPath;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ParallelChangesPurchasesAndCustomers_AllLand_NoneTwice_AndSurviveARestart()
    {
        PartnerKeys partner;
        string[] customers;
        const decimal quota = 1_000_000m;
        using (var first = new EmulatorApplication(DataPath))
        {
            var kit = await SalesKit.CreateAsync(first, quota);
            partner = kit.Partner;
            customers = [kit.Customer, await kit.AddCustomerAsync(quota)];
            // An alarm that fires part-way through, so alarm state and an event are written among the rest.
            (await kit.Ok("SetResellerUserAlarmThreshold", new Dictionary<string, string>
            {
                ["AlarmType"] = "quota_low_balance", ["AlarmThresholds"] = "[{\"thresholdType\":0,\"thresholdAmount\":999990}]",
            })).Should().NotBeNull();

            var calls = new List<Task<ApiResult>>();
            for (var i = 0; i < 40; i++)
            {
                var change = Change(customers[i % 2], $"change-{i}");
                calls.Add(kit.Client.V3("ChangeResellerConsumeAmount", Version, change));
                calls.Add(kit.Client.V3("ChangeResellerConsumeAmount", Version, change)); // a retry: applies once
            }
            for (var i = 0; i < 20; i++)
                calls.Add(kit.Call("CreateInstance", new Dictionary<string, string>(SalesKit.Buy()) { ["OwnerId"] = customers[i % 2] }));
            for (var i = 0; i < 10; i++)
                calls.Add(kit.Client.V3("CreateAgAccount", Version, new Dictionary<string, string> { ["LoginEmail"] = $"c{Guid.NewGuid():N}@example.com" }));

            var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(90));
            results.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Text).Should().BeEmpty();
        }

        using var second = new EmulatorApplication(DataPath);
        var client = second.Signed(partner.AccessKeyId, partner.Secret);
        foreach (var customer in customers)
        {
            var orders = (await client.V3("QueryOrders", Version, new Dictionary<string, string> { ["OwnerId"] = customer, ["PageSize"] = "100" }))
                .Json["Data"]!["OrderList"]!["Order"]!.AsArray();
            orders.Should().HaveCount(10);
            var spent = orders.Sum(o => decimal.Parse(o!["PretaxAmount"]!.ToString(), CultureInfo.InvariantCulture));
            (await AvailableAsync(client, customer)).Should().Be(quota - 20m - spent, "20 changes of 1.00 and the 10 orders, each once");
        }
        var before = await AvailableAsync(client, customers[0]);
        var retried = await client.V3("ChangeResellerConsumeAmount", Version, Change(customers[0], "change-0"));
        retried.Status.Should().Be(HttpStatusCode.OK, retried.Text);
        (await AvailableAsync(client, customers[0])).Should().Be(before, "an OutBizId answered before the restart is not applied again");
        var customerList = await client.V3("GetCustomerList", Version);
        customerList.Json["Data"]!["UidList"]!.AsArray().Should().HaveCount(12);
    }

    private static async Task<decimal> AvailableAsync(SignedClient client, string customer) =>
        decimal.Parse((await client.V3("QueryResellerAvailableQuota", Version, new Dictionary<string, string> { ["OwnerId"] = customer }))
            .Json["Data"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Change(string owner, string outBizId) => new()
    {
        ["OwnerId"] = owner, ["AdjustType"] = "increase", ["Amount"] = "1", ["Currency"] = "CNY",
        ["BusinessType"] = "quota_amount_adjust", ["Source"] = "concurrency", ["OutBizId"] = outBizId,
    };
}
