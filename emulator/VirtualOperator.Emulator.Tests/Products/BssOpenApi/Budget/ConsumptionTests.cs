using System.Net;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Budget;

public sealed class ConsumptionTests(BudgetFixture f) : IClassFixture<BudgetFixture>
{
    [Fact]
    public async Task ChangeResellerConsumeAmount_IncreaseThenDecrease_AnswersConsumptionAndAvailableFollows()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("1000");

        var up = await p.Change(customer, "increase", "300.25");
        var down = await p.Change(customer, "decrease", "0.25");

        up.Status.Should().Be(HttpStatusCode.OK, up.Text);
        up.Json["Data"]!.GetValue<string>().Should().Be("300.25");
        up.Json["Success"]!.GetValue<bool>().Should().BeTrue();
        down.Json["Data"]!.GetValue<string>().Should().Be("300.00");
        (await p.AvailableAsync(customer)).Should().Be("700.00");
    }

    [Fact]
    public async Task ChangeResellerConsumeAmount_TenCentsThreeTimes_IsExactToTheCent()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("0.3");

        for (var i = 0; i < 3; i++) (await p.Change(customer, "increase", "0.1")).Status.Should().Be(HttpStatusCode.OK);

        (await p.AvailableAsync(customer)).Should().Be("0.00");
    }

    [Fact]
    public async Task ChangeResellerConsumeAmount_PastTheQuota_IsRecordedAndAvailableGoesNegative()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("10");

        var r = await p.Change(customer, "increase", "15");

        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        (await p.AvailableAsync(customer)).Should().Be("-5.00");
    }

    [Fact]
    public async Task ChangeResellerConsumeAmount_SameOutBizIdTwice_AppliesOnceAndAnswersTheSameData()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var first = await p.Change(customer, "increase", "10", outBizId: "bill-42");
        await p.Change(customer, "increase", "5");
        var retry = await p.Change(customer, "increase", "10.00", outBizId: "bill-42");

        retry.Status.Should().Be(HttpStatusCode.OK, retry.Text);
        retry.Json["Data"]!.GetValue<string>().Should().Be(first.Json["Data"]!.GetValue<string>()).And.Be("10.00");
        (await p.AvailableAsync(customer)).Should().Be("85.00");
    }

    [Theory]
    [InlineData("decrease", "10", "CNY", "quota_amount_adjust", "budget-tests")]
    [InlineData("increase", "11", "CNY", "quota_amount_adjust", "budget-tests")]
    [InlineData("increase", "10", "USD", "quota_amount_adjust", "budget-tests")]
    [InlineData("increase", "10", "CNY", "other_business", "budget-tests")]
    [InlineData("increase", "10", "CNY", "quota_amount_adjust", "other-system")]
    public async Task ChangeResellerConsumeAmount_SameOutBizIdOtherContent_IdempotentParameterMismatchAndNothingChanges(
        string adjustType, string amount, string currency, string businessType, string source)
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        (await p.CreateQuota(customer, "100", "USD")).Status.Should().Be(HttpStatusCode.OK);
        (await p.Change(customer, "increase", "10", outBizId: "bill-1")).Status.Should().Be(HttpStatusCode.OK);

        var r = await p.Change(customer, adjustType, amount, "bill-1", currency, businessType, source);

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("IdempotentParameterMismatch");
        var ledgers = (await p.LedgerViewAsync(customer))["ledgers"]!.AsArray();
        ledgers.Select(l => $"{l!["currency"]}={l["consumed"]}").Should().Equal("CNY=10.00", "USD=0.00");
    }

    [Fact]
    public async Task ChangeResellerConsumeAmount_SameOutBizIdForAnotherCustomer_IdempotentParameterMismatch()
    {
        var p = await f.NewPartnerAsync();
        var a = await p.NewCustomerWithQuotaAsync("100");
        var b = await p.NewCustomerWithQuotaAsync("100");
        await p.Change(a, "increase", "10", outBizId: "shared-id");

        var r = await p.Change(b, "increase", "10", outBizId: "shared-id");

        r.Code.Should().Be("IdempotentParameterMismatch");
        (await p.AvailableAsync(b)).Should().Be("100.00");
    }

    [Fact]
    public async Task ChangeResellerConsumeAmount_FailedCall_DoesNotConsumeTheOutBizId()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var failed = await p.Change(customer, "decrease", "5", outBizId: "refund-1");
        await p.Change(customer, "increase", "20");
        var retried = await p.Change(customer, "decrease", "5", outBizId: "refund-1");

        failed.Code.Should().Be("ParameterError");
        retried.Status.Should().Be(HttpStatusCode.OK, retried.Text);
        retried.Json["Data"]!.GetValue<string>().Should().Be("15.00");
    }

    [Fact]
    public async Task ChangeResellerConsumeAmount_DecreaseBelowZero_ParameterErrorAndNothingChanges()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        await p.Change(customer, "increase", "3");

        var r = await p.Change(customer, "decrease", "3.01");

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("ParameterError");
        (await p.AvailableAsync(customer)).Should().Be("97.00");
    }

    [Theory]
    [InlineData("increase", "0")]
    [InlineData("increase", "-1")]
    [InlineData("increase", "ten")]
    [InlineData("increase", "0.001")]
    [InlineData("Increase", "1")]
    [InlineData("add", "1")]
    public async Task ChangeResellerConsumeAmount_BadAdjustTypeOrAmount_ParameterErrorAndNothingChanges(string adjustType, string amount)
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var r = await p.Change(customer, adjustType, amount);

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("ParameterError");
        (await p.AvailableAsync(customer)).Should().Be("100.00");
    }

    [Fact]
    public async Task ChangeResellerConsumeAmount_LedgerNeverCreated_CreditNotFound()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerAsync();

        var r = await p.Change(customer, "increase", "1");

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("CreditNotFound");
    }

    [Fact]
    public async Task ChangeResellerConsumeAmount_MissingOutBizId_MissingParameter()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var r = await p.Call("ChangeResellerConsumeAmount", new Dictionary<string, string>
        {
            ["OwnerId"] = customer, ["AdjustType"] = "increase", ["Amount"] = "1", ["Currency"] = "CNY",
            ["BusinessType"] = "quota_amount_adjust", ["Source"] = "tests",
        });

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("MissingParameter");
        (await p.AvailableAsync(customer)).Should().Be("100.00");
    }

    [Fact]
    public async Task ChangeResellerConsumeAmount_HundredParallelCalls_LeaveTheExactBalance()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("1000");

        // 100 different amounts (0.01 .. 1.00 plus 0.37 each): any lost update shows up as a wrong cent.
        var results = await Task.WhenAll(Enumerable.Range(1, 100).Select(i =>
            p.Change(customer, "increase", (i / 100m + 0.37m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))));

        results.Should().OnlyContain(r => r.Status == HttpStatusCode.OK);
        var expectedConsumed = Enumerable.Range(1, 100).Sum(i => i / 100m + 0.37m); // 50.50 + 37.00
        (await p.AvailableAsync(customer)).Should().Be((1000m - expectedConsumed).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)).And.Be("912.50");
    }

    [Fact]
    public async Task ChangeResellerConsumeAmount_TwentyParallelRetriesOfOneOutBizId_ApplyOnce()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("1000");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => p.Change(customer, "increase", "12.34", outBizId: "retry-storm")));

        results.Should().OnlyContain(r => r.Status == HttpStatusCode.OK);
        results.Select(r => r.Json["Data"]!.GetValue<string>()).Distinct().Should().Equal("12.34");
        (await p.AvailableAsync(customer)).Should().Be("987.66");
    }

    [Fact]
    public async Task ChangeResellerConsumeAmount_ParallelOverSeveralCustomersWithRetries_EachExactOnceAndOneAlarmEach()
    {
        // The change, its alarm state and its OutBizId record commit together while other customers' changes wait on
        // the same collections: every customer ends exact, each OutBizId applies once, each crossing alarms once.
        var p = await f.NewPartnerAsync();
        var customers = new List<string>();
        for (var i = 0; i < 4; i++) customers.Add(await p.NewCustomerWithQuotaAsync("100"));
        foreach (var c in customers.Take(2)) await p.SetAlarm(c, "[{\"thresholdType\":0,\"thresholdAmount\":50}]");

        var calls = Enumerable.Range(0, 30).SelectMany(i => customers.Select(c => (c, id: $"{c}-{i % 15}")));
        var results = await Task.WhenAll(calls.Select(x => p.Change(x.c, "increase", "3.33", outBizId: x.id)));

        results.Should().OnlyContain(r => r.Status == HttpStatusCode.OK);
        foreach (var c in customers) (await p.AvailableAsync(c)).Should().Be("50.05", "15 distinct OutBizIds of 3.33 each, each sent twice");
        foreach (var c in customers.Take(2)) (await p.AlarmsAsync(c)).Should().BeEmpty("50.05 is not below 50");
        foreach (var c in customers) (await p.Change(c, "increase", "0.06", outBizId: $"{c}-cross")).Status.Should().Be(HttpStatusCode.OK);
        foreach (var c in customers.Take(2)) (await p.AlarmsAsync(c)).Should().ContainSingle();
        foreach (var c in customers.Skip(2)) (await p.AlarmsAsync(c)).Should().BeEmpty("no rules were set for it");
    }
}
