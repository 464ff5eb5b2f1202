using System.Net;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Budget;

public sealed class BudgetDurabilityTests : IDisposable
{
    private readonly TempDataDir _temp = new("budget");
    private string DataPath => _temp.DataPath;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task DataPath_LedgerStatusAlarmsAndOutBizIds_SurviveARestart()
    {
        PartnerKeys partner;
        string customer;
        Dictionary<string, string> Change(string outBizId) => new()
        {
            ["OwnerId"] = customer, ["AdjustType"] = "increase", ["Amount"] = "60.05", ["Currency"] = "CNY",
            ["BusinessType"] = "quota_amount_adjust", ["Source"] = "durability", ["OutBizId"] = outBizId,
        };
        using (var first = new EmulatorApplication(DataPath))
        {
            partner = await first.CreatePartnerAsync(testAccount: false);
            var c = first.Signed(partner.AccessKeyId, partner.Secret);
            customer = (await c.V3("CreateAgAccount", "2017-12-14", new Dictionary<string, string> { ["LoginEmail"] = "budget-durable@example.com" }))
                .Json["AgRelationDto"]!["Pk"]!.ToString();
            (await c.V3("CreateResellerUserQuota", "2017-12-14", new Dictionary<string, string> { ["OwnerId"] = customer, ["Amount"] = "100", ["Currency"] = "CNY" }))
                .Status.Should().Be(HttpStatusCode.OK);
            await c.V3("SetResellerUserAlarmThreshold", "2017-12-14", new Dictionary<string, string>
            {
                ["OwnerId"] = customer, ["AlarmType"] = "quota_low_balance", ["AlarmThresholds"] = "[{\"thresholdType\":0,\"thresholdAmount\":50}]",
            });
            (await c.V3("ChangeResellerConsumeAmount", "2017-12-14", Change("durable-1"))).Status.Should().Be(HttpStatusCode.OK);
            await c.V3("SetResellerUserStatus", "2017-12-14", new Dictionary<string, string> { ["OwnerId"] = customer, ["BusinessType"] = "FREEZE", ["Status"] = "Freeze" });
        }

        using var second = new EmulatorApplication(DataPath);
        var s = second.Signed(partner.AccessKeyId, partner.Secret);
        var retry = await s.V3("ChangeResellerConsumeAmount", "2017-12-14", Change("durable-1"));
        var query = await s.V3("QueryResellerAvailableQuota", "2017-12-14", new Dictionary<string, string> { ["OwnerId"] = customer });
        var more = await s.V3("ChangeResellerConsumeAmount", "2017-12-14", Change("durable-2"));

        retry.Json["Data"]!.GetValue<string>().Should().Be("60.05", "the OutBizId answered before the restart is answered again, not applied");
        query.Json["Data"]!.GetValue<string>().Should().Be("39.95");
        more.Json["Data"]!.GetValue<string>().Should().Be("120.10");
        var http = second.CreateClient();
        var view = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync($"/_emulator/partners/{partner.Uid}/budget/customers/{customer}"))!;
        view["stopped"]!.GetValue<bool>().Should().BeTrue();
        var alarms = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync($"/_emulator/partners/{partner.Uid}/budget/alarms"))!.AsArray();
        alarms.Should().ContainSingle("the rule stayed below its threshold across the restart: no second event");
    }
}
