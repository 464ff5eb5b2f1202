using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Products.BssOpenApi.Budget;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Budget;

public sealed class AlarmTests(BudgetFixture f) : IClassFixture<BudgetFixture>
{
    private const string Below50 = "[{\"thresholdType\":0,\"thresholdAmount\":50}]";

    [Fact]
    public async Task SetResellerUserAlarmThreshold_AmountRule_OneEventWhenAvailableFallsBelowNotOnePerCall()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var set = await p.SetAlarm(customer, Below50);
        await p.Change(customer, "increase", "30");
        (await p.AlarmsAsync(customer)).Should().BeEmpty("70 available is above 50");
        await p.Change(customer, "increase", "30");
        await p.Change(customer, "increase", "10");
        await p.Change(customer, "increase", "1");

        set.Status.Should().Be(HttpStatusCode.OK, set.Text);
        set.Json["Data"]!.GetValue<bool>().Should().BeTrue();
        var alarms = await p.AlarmsAsync(customer);
        alarms.Should().HaveCount(1);
        alarms[0]!["AvailableAmount"]!.GetValue<string>().Should().Be("40.00");
        alarms[0]!["ThresholdAmount"]!.GetValue<string>().Should().Be("50.00");
        alarms[0]!["AlarmType"]!.GetValue<string>().Should().Be("quota_low_balance");
        alarms[0]!["Currency"]!.GetValue<string>().Should().Be("CNY");
    }

    [Fact]
    public async Task SetResellerUserAlarmThreshold_Alarm_IsAQuotaLowBalanceMessageOnThePartnersQueue()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        await p.SetAlarm(customer, Below50);

        await p.Change(customer, "increase", "60");

        var messages = (await f.ControlGetAsync($"/_emulator/partners/{p.Keys.Uid}/messages")).AsArray()
            .Where(m => m!["eventType"]!.GetValue<string>() == "QuotaLowBalance").ToList();
        messages.Should().ContainSingle();
        var body = System.Text.Json.Nodes.JsonNode.Parse(messages[0]!["messageBody"]!.GetValue<string>())!;
        body["EventType"]!.GetValue<string>().Should().Be("QuotaLowBalance");
        body["PartnerUid"]!.GetValue<string>().Should().Be(p.Keys.Uid);
        body["Data"]!["CustomerUid"]!.GetValue<string>().Should().Be(customer);
        body["Data"]!["AvailableAmount"]!.GetValue<string>().Should().Be("40.00");
    }

    [Fact]
    public async Task SetResellerUserAlarmThreshold_BackAboveThenBelowAgain_SecondEvent()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        await p.SetAlarm(customer, Below50);
        await p.Change(customer, "increase", "60");

        await p.Change(customer, "decrease", "60"); // re-armed
        await p.Change(customer, "increase", "50");  // exactly 50 available: not below
        (await p.AlarmsAsync(customer)).Should().HaveCount(1);
        await p.Change(customer, "increase", "0.01");

        (await p.AlarmsAsync(customer)).Should().HaveCount(2);
    }

    [Fact]
    public async Task SetResellerUserAlarmThreshold_RatioRule_AlarmsBelowThatShareOfTheQuota()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("200");
        await p.SetAlarm(customer, "[{\"denominator\":100,\"numerator\":30,\"thresholdType\":1}]");

        await p.Change(customer, "increase", "140"); // 60 available = 30 %: not below
        (await p.AlarmsAsync(customer)).Should().BeEmpty();
        await p.Change(customer, "increase", "0.01");

        var alarms = await p.AlarmsAsync(customer);
        alarms.Should().HaveCount(1);
        alarms[0]!["ThresholdAmount"]!.GetValue<string>().Should().Be("60.00");
        alarms[0]!["ThresholdType"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task SetResellerUserAlarmThreshold_AlreadyBelow_OneEventAtOnceAndNoneWhenSetAgain()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("30");

        await p.SetAlarm(customer, Below50);
        await p.SetAlarm(customer, Below50);

        (await p.AlarmsAsync(customer)).Should().HaveCount(1);
    }

    [Fact]
    public async Task SetResellerUserAlarmThreshold_QuotaLowered_AlarmsToo()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        await p.SetAlarm(customer, Below50);

        await p.SetQuota(customer, "49.99");

        (await p.AlarmsAsync(customer)).Should().ContainSingle().Which!["AvailableAmount"]!.GetValue<string>().Should().Be("49.99");
    }

    [Fact]
    public async Task SetResellerUserAlarmThreshold_PurchaseCharge_AlarmsToo()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        await p.SetAlarm(customer, Below50);

        f.App.Services.GetRequiredService<CreditLedger>().Charge(p.Keys.Uid, customer, "CNY", 75m, DateTimeOffset.UnixEpoch);

        (await p.AlarmsAsync(customer)).Should().ContainSingle();
    }

    [Fact]
    public async Task SetResellerUserAlarmThreshold_NoThresholds_RemovesTheRules()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        await p.SetAlarm(customer, Below50);

        var clear = await p.SetAlarm(customer, thresholds: null);
        await p.Change(customer, "increase", "90");

        clear.Status.Should().Be(HttpStatusCode.OK, clear.Text);
        (await p.AlarmsAsync(customer)).Should().BeEmpty();
        (await p.LedgerViewAsync(customer))["alarmThresholds"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("quota_low_balance", "not json", "AlarmThresholds")]
    [InlineData("quota_low_balance", "{\"thresholdType\":0}", "AlarmThresholds")]
    [InlineData("quota_low_balance", "[{\"thresholdType\":2,\"thresholdAmount\":5}]", "AlarmThresholds")]
    [InlineData("quota_low_balance", "[{\"thresholdType\":0,\"thresholdAmount\":-5}]", "AlarmThresholds")]
    [InlineData("quota_low_balance", "[{\"thresholdType\":1,\"numerator\":5,\"denominator\":0}]", "AlarmThresholds")]
    [InlineData("quota_low_balance", "[{\"thresholdType\":1,\"numerator\":150,\"denominator\":100}]", "AlarmThresholds")]
    [InlineData("month_consume_high", "[{\"thresholdType\":0,\"thresholdAmount\":5}]", "AlarmType")]
    public async Task SetResellerUserAlarmThreshold_BadInput_ParameterErrorAndRulesUnchanged(string alarmType, string thresholds, string named)
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        await p.SetAlarm(customer, Below50);

        var r = await p.SetAlarm(customer, thresholds, alarmType);

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("ParameterError");
        r.Json["Message"]!.GetValue<string>().Should().Contain(named);
        var rules = (await p.LedgerViewAsync(customer))["alarmThresholds"]!.AsArray();
        rules.Should().ContainSingle().Which!["thresholdAmount"]!.GetValue<string>().Should().Be("50.00");
    }

    [Fact]
    public async Task SetResellerUserAlarmThreshold_ParallelConsumption_StillOneEvent()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        await p.SetAlarm(customer, Below50);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => p.Change(customer, "increase", "2")));

        (await p.AvailableAsync(customer)).Should().Be("20.00");
        (await p.AlarmsAsync(customer)).Should().ContainSingle();
    }
}
