using System.Globalization;
using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.Products.BssOpenApi;

/// <summary>
/// Reseller budget management: CreateResellerUserQuota, SetResellerUserQuota, QueryResellerAvailableQuota,
/// ChangeResellerConsumeAmount, SetResellerUserStatus, SetResellerUserAlarmThreshold (docs/budget.md).
/// None of these has been recorded against a real account yet, so they are [EmulatorOnly] with that reason;
/// once scripts/record.sh has captured one (VO_ALLOW_COST=money), it becomes [ParityCandidate] (and [Validated] once the recording comes from the real cloud).
/// Each test opens its own customer: the class's partner is a test account (at most 20 customers), and this
/// class creates fewer than that.
/// </summary>
public sealed class BudgetTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    private const string NotRecorded = "not yet recorded against a real account (quota moves need VO_ALLOW_COST=money)";

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.SpendsMoney)]
    public async Task CreateResellerUserQuota_ThenQuery_AnswersTrueAndTheAvailableAmount()
    {
        var customer = await NewCustomerAsync();

        var created = await CreateQuota(customer, "1000");

        created.Json["Code"]!.GetValue<string>().Should().Be("200");
        created.Json["Success"]!.GetValue<bool>().Should().BeTrue();
        created.Json["Data"]!.GetValue<bool>().Should().BeTrue();
        (await AvailableAsync(customer)).Should().Be("1000.00");
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.SpendsMoney)]
    public async Task CreateResellerUserQuota_Twice_Fails303AndKeepsTheFirst()
    {
        var customer = await NewCustomerAsync();
        await CreateQuota(customer, "100");

        var e = await FailsAsync(() => CreateQuota(customer, "500"));

        e.HttpStatus.Should().Be(400);
        e.Code.Should().Be("-303");
        e.Message.Should().Be("Record is exists already.");
        (await AvailableAsync(customer)).Should().Be("100.00");
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.ConsumesCustomer)]
    public async Task CreateResellerUserQuota_BadAmountOrCurrency_FailsParameterErrorAndOpensNothing()
    {
        var customer = await NewCustomerAsync();

        foreach (var (amount, currency) in new[] { ("-1", "CNY"), ("abc", "CNY"), ("1.005", "CNY"), ("10", "EUR") })
        {
            var e = await FailsAsync(() => CreateQuota(customer, amount, currency));
            e.HttpStatus.Should().Be(400, $"{amount} {currency}");
            e.Code.Should().Be("ParameterError", $"{amount} {currency}");
        }
        (await AvailableAsync(customer)).Should().Be("0.00");
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.Free)]
    public async Task BudgetCalls_OfUidNotOwned_FailInvalidOwner()
    {
        const string notOurs = "1999999999999999";
        var calls = new Func<Task<AcsResponse>>[]
        {
            () => CreateQuota(notOurs, "1"),
            () => Call("SetResellerUserQuota", new() { ["OwnerId"] = notOurs, ["Amount"] = "1" }),
            () => Call("QueryResellerAvailableQuota", new() { ["OwnerId"] = notOurs }),
            () => Change(notOurs, "increase", "1", "not-ours"),
            () => Call("SetResellerUserStatus", new() { ["OwnerId"] = notOurs, ["BusinessType"] = "FREEZE", ["Status"] = "Freeze" }),
            () => Call("SetResellerUserAlarmThreshold", new() { ["OwnerId"] = notOurs, ["AlarmType"] = "quota_low_balance" }),
        };

        foreach (var call in calls)
        {
            var e = await FailsAsync(call);
            e.HttpStatus.Should().Be(400);
            e.Code.Should().Be("InvalidOwner");
            e.Message.Should().Be("The specified owner doesn't belong to caller.");
        }
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.SpendsMoney)]
    public async Task SetResellerUserQuota_SetsTheTotalAndKeepsConsumption()
    {
        var customer = await NewCustomerAsync();
        await CreateQuota(customer, "100");
        await Change(customer, "increase", "30", Id(customer, "consume"));

        var set = await Call("SetResellerUserQuota", new() { ["OwnerId"] = customer, ["Amount"] = "500", ["Currency"] = "CNY" });

        set.Json["Data"]!.GetValue<bool>().Should().BeTrue();
        (await AvailableAsync(customer)).Should().Be("470.00");
        var total = await Call("QueryResellerAvailableQuota", new() { ["OwnerId"] = customer, ["ItemCodes"] = "[\"CREDIT_QUOTA_BOOK_ITEM\"]" });
        total.Json["Data"]!.GetValue<string>().Should().Be("500.00");
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.SpendsMoney)]
    public async Task ChangeResellerConsumeAmount_UpAndDown_AnswersTheConsumptionExactToTheCent()
    {
        var customer = await NewCustomerAsync();
        await CreateQuota(customer, "0.30");

        for (var i = 0; i < 3; i++) await Change(customer, "increase", "0.10", Id(customer, $"up-{i}"));
        var down = await Change(customer, "decrease", "0.05", Id(customer, "down"));

        down.Json["Data"]!.GetValue<string>().Should().Be("0.25");
        (await AvailableAsync(customer)).Should().Be("0.05");
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.SpendsMoney)]
    public async Task ChangeResellerConsumeAmount_RetriedOutBizId_AppliesOnceAndAnswersTheSame()
    {
        var customer = await NewCustomerAsync();
        await CreateQuota(customer, "100");
        var id = Id(customer, "bill");

        var first = await Change(customer, "increase", "12.5", id);
        var retry = await Change(customer, "increase", "12.50", id);

        retry.Json["Data"]!.GetValue<string>().Should().Be(first.Json["Data"]!.GetValue<string>()).And.Be("12.50");
        (await AvailableAsync(customer)).Should().Be("87.50");
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.SpendsMoney)]
    public async Task ChangeResellerConsumeAmount_TwentyParallelRetries_ApplyOnce()
    {
        var customer = await NewCustomerAsync();
        await CreateQuota(customer, "100");
        var id = Id(customer, "storm");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Change(customer, "increase", "7.77", id)));

        answers.Select(a => a.Json["Data"]!.GetValue<string>()).Distinct().Should().Equal("7.77");
        (await AvailableAsync(customer)).Should().Be("92.23");
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.SpendsMoney)]
    public async Task ChangeResellerConsumeAmount_HundredParallelCalls_LeaveTheExactBalance()
    {
        var customer = await NewCustomerAsync();
        await CreateQuota(customer, "1000");

        await Task.WhenAll(Enumerable.Range(1, 100).Select(i =>
            Change(customer, "increase", (i / 100m).ToString("0.00", CultureInfo.InvariantCulture), Id(customer, $"p{i}"))));

        (await AvailableAsync(customer)).Should().Be("949.50");
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.SpendsMoney)]
    public async Task ChangeResellerConsumeAmount_OutBizIdWithOtherContent_FailsIdempotentParameterMismatch()
    {
        var customer = await NewCustomerAsync();
        await CreateQuota(customer, "100");
        var id = Id(customer, "once");
        await Change(customer, "increase", "5", id);

        var e = await FailsAsync(() => Change(customer, "increase", "6", id));

        e.HttpStatus.Should().Be(400);
        e.Code.Should().Be("IdempotentParameterMismatch");
        (await AvailableAsync(customer)).Should().Be("95.00");
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.SpendsMoney)]
    public async Task ChangeResellerConsumeAmount_BadInput_FailsParameterErrorAndChangesNothing()
    {
        var customer = await NewCustomerAsync();
        await CreateQuota(customer, "100");

        foreach (var (adjust, amount, n) in new[] { ("increase", "-5", 1), ("increase", "five", 2), ("increase", "0", 3), ("decrease", "1", 4), ("grow", "1", 5) })
        {
            var e = await FailsAsync(() => Change(customer, adjust, amount, Id(customer, $"bad-{n}")));
            e.Code.Should().Be("ParameterError", $"{adjust} {amount}");
        }
        (await AvailableAsync(customer)).Should().Be("100.00");
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.SpendsMoney)]
    public async Task ChangeResellerConsumeAmount_V1Get_AnswersDataAsString()
    {
        var customer = await NewCustomerAsync();
        await CreateQuota(customer, "20000");

        var r = await Call("ChangeResellerConsumeAmount", ChangeParameters(customer, "increase", "300", Id(customer, "v1")), CallOptions.V1Get);

        r.Json["Data"]!.GetValueKind().Should().Be(System.Text.Json.JsonValueKind.String);
        r.Json["Data"]!.GetValue<string>().Should().Be("300.00");
    }

    [ContractFact, EmulatorOnly("reads the stop state through the control plane"), Cost(Cost.SpendsMoney)]
    public async Task SetResellerUserStatus_FreezeThenThaw_AnswerTrueAndStopTheCustomerInBetween()
    {
        var customer = await NewCustomerAsync();

        var freeze = await SetStatus(customer, "FREEZE", "Freeze");
        var whileFrozen = await CustomerViewAsync(customer);
        var thaw = await SetStatus(customer, "FREEZE", "Thaw");

        freeze.Json["Data"]!.GetValue<bool>().Should().BeTrue();
        thaw.Json["Data"]!.GetValue<bool>().Should().BeTrue();
        whileFrozen["stopped"]!.GetValue<bool>().Should().BeTrue();
        (await CustomerViewAsync(customer))["stopped"]!.GetValue<bool>().Should().BeFalse();
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.ConsumesCustomer)]
    public async Task SetResellerUserStatus_StatusOfAnotherBusiness_FailsParameterError()
    {
        var customer = await NewCustomerAsync();

        var e = await FailsAsync(() => SetStatus(customer, "FREEZE", "Trusteeship"));

        e.HttpStatus.Should().Be(400);
        e.Code.Should().Be("ParameterError");
    }

    [ContractFact, EmulatorOnly("reads the partner's message queue through the control plane"), Cost(Cost.SpendsMoney)]
    public async Task SetResellerUserAlarmThreshold_AvailableFallsBelow_OneQuotaLowBalanceMessage()
    {
        var customer = await NewCustomerAsync();
        await CreateQuota(customer, "100");

        var set = await Call("SetResellerUserAlarmThreshold", new()
        {
            ["OwnerId"] = customer, ["AlarmType"] = "quota_low_balance",
            ["AlarmThresholds"] = "[{\"denominator\":100,\"numerator\":30,\"thresholdType\":1}]",
        });
        for (var i = 0; i < 4; i++) await Change(customer, "increase", "20", Id(customer, $"alarm-{i}"));

        set.Json["Data"]!.GetValue<bool>().Should().BeTrue();
        var messages = await fx.ControlPlane.Http.GetStringAsync($"/_emulator/partners/{fx.Partner.Uid}/messages");
        var lows = JsonNode.Parse(messages)!.AsArray()
            .Select(m => JsonNode.Parse(m!["messageBody"]!.GetValue<string>())!)
            .Where(b => b["EventType"]!.GetValue<string>() == "QuotaLowBalance" && b["Data"]!["CustomerUid"]!.GetValue<string>() == customer)
            .ToList();
        lows.Should().ContainSingle("available went 80, 60, 40, 20: it fell below 30 % once");
        lows[0]["Data"]!["AvailableAmount"]!.GetValue<string>().Should().Be("20.00");
        lows[0]["Data"]!["ThresholdAmount"]!.GetValue<string>().Should().Be("30.00");
    }

    [ContractFact, EmulatorOnly(NotRecorded), Cost(Cost.ConsumesCustomer)]
    public async Task SetResellerUserAlarmThreshold_MalformedThresholds_FailsParameterError()
    {
        var customer = await NewCustomerAsync();

        var e = await FailsAsync(() => Call("SetResellerUserAlarmThreshold", new()
        {
            ["OwnerId"] = customer, ["AlarmType"] = "quota_low_balance", ["AlarmThresholds"] = "[{\"thresholdType\":7}]",
        }));

        e.HttpStatus.Should().Be(400);
        e.Code.Should().Be("ParameterError");
    }

    private Task<AcsResponse> Call(string action, Dictionary<string, string> parameters, CallOptions? options = null) =>
        fx.Client.CallAsync(action, parameters, options);

    private Task<AcsResponse> CreateQuota(string owner, string amount, string currency = "CNY") =>
        Call("CreateResellerUserQuota", new() { ["OwnerId"] = owner, ["Amount"] = amount, ["Currency"] = currency });

    private Task<AcsResponse> Change(string owner, string adjustType, string amount, string outBizId) =>
        Call("ChangeResellerConsumeAmount", ChangeParameters(owner, adjustType, amount, outBizId));

    private static Dictionary<string, string> ChangeParameters(string owner, string adjustType, string amount, string outBizId) => new()
    {
        ["OwnerId"] = owner, ["AdjustType"] = adjustType, ["Amount"] = amount, ["Currency"] = "CNY",
        ["BusinessType"] = "quota_amount_adjust", ["Source"] = "contract-tests", ["OutBizId"] = outBizId,
    };

    private Task<AcsResponse> SetStatus(string owner, string businessType, string status) =>
        Call("SetResellerUserStatus", new() { ["OwnerId"] = owner, ["BusinessType"] = businessType, ["Status"] = status });

    private async Task<string> AvailableAsync(string owner) =>
        (await Call("QueryResellerAvailableQuota", new() { ["OwnerId"] = owner })).Json["Data"]!.GetValue<string>();

    private Task<JsonObject> CustomerViewAsync(string customer) =>
        fx.ControlPlane.GetAsync($"/_emulator/partners/{fx.Partner.Uid}/budget/customers/{customer}");

    private async Task<string> NewCustomerAsync()
    {
        var r = await Call("CreateAgAccount", new() { ["LoginEmail"] = TestData.ForCurrentTest().Email() });
        return r.Json["AgRelationDto"]!["Pk"]!.GetValue<string>();
    }

    /// <summary>OutBizIds are the partner's, across customers: tie each to its customer so tests never share one.</summary>
    private static string Id(string customer, string name) => $"{customer}-{name}";

    private static async Task<AcsApiException> FailsAsync(Func<Task<AcsResponse>> call) =>
        (await call.Should().ThrowAsync<AcsApiException>()).Which;
}
