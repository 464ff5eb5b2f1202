using System.Net;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Budget;

public sealed class QuotaTests(BudgetFixture f) : IClassFixture<BudgetFixture>
{
    [Fact]
    public async Task CreateResellerUserQuota_NewCustomer_AnswersTrueAndQuotaIsAvailable()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerAsync();

        var r = await p.CreateQuota(customer, "1000");

        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.Json["Code"]!.GetValue<string>().Should().Be("200");
        r.Json["Success"]!.GetValue<bool>().Should().BeTrue();
        r.Json["Data"]!.GetValue<bool>().Should().BeTrue();
        var q = await p.Query(customer);
        q.Json["Data"]!.GetValue<string>().Should().Be("1000.00");
    }

    [Fact]
    public async Task CreateResellerUserQuota_LedgerExists_Answers303AndKeepsTheFirstQuota()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var r = await p.CreateQuota(customer, "500");

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("-303");
        r.Json["Message"]!.GetValue<string>().Should().Be("Record is exists already.");
        (await p.AvailableAsync(customer)).Should().Be("100.00");
    }

    [Fact]
    public async Task CreateResellerUserQuota_SameOutBizIdTwice_AppliesOnceAndAnswersTheSame()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerAsync();

        var first = await p.CreateQuota(customer, "100", outBizId: "create-1");
        var retry = await p.CreateQuota(customer, "100.00", outBizId: "create-1");

        first.Status.Should().Be(HttpStatusCode.OK, first.Text);
        retry.Status.Should().Be(HttpStatusCode.OK, retry.Text);
        retry.Json["Data"]!.GetValue<bool>().Should().BeTrue();
        (await p.AvailableAsync(customer)).Should().Be("100.00");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("10.001")]
    [InlineData("1e3")]
    [InlineData(" 10")]
    [InlineData("10,5")]
    [InlineData("+10")]
    [InlineData("NaN")]
    [InlineData("10000000000000")]
    public async Task CreateResellerUserQuota_BadAmount_ParameterErrorAndNothingCreated(string amount)
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerAsync();

        var r = await p.CreateQuota(customer, amount);

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("ParameterError");
        r.Json["Message"]!.GetValue<string>().Should().Contain("Amount");
        (await p.LedgerViewAsync(customer))["ledgers"]!.AsArray().Should().BeEmpty();
        (await p.CreateQuota(customer, "1")).Status.Should().Be(HttpStatusCode.OK, "the failed call must not have opened the ledger");
    }

    [Fact]
    public async Task CreateResellerUserQuota_TrailingZeroesBeyondTwoPlaces_AreTheSameAmount()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerAsync();

        var r = await p.CreateQuota(customer, "12.3400");

        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        (await p.AvailableAsync(customer)).Should().Be("12.34");
    }

    [Theory]
    [InlineData("EUR")]
    [InlineData("cny")]
    [InlineData("RMB")]
    public async Task CreateResellerUserQuota_UnknownCurrency_ParameterError(string currency)
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerAsync();

        var r = await p.CreateQuota(customer, "100", currency);

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("ParameterError");
        r.Json["Message"]!.GetValue<string>().Should().Contain("Currency");
        (await p.LedgerViewAsync(customer))["ledgers"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task CreateResellerUserQuota_UsdLedger_IsSeparateFromCny()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var r = await p.CreateQuota(customer, "7.5", "USD");

        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        var ledgers = (await p.LedgerViewAsync(customer))["ledgers"]!.AsArray();
        ledgers.Select(l => $"{l!["currency"]}={l["available"]}").Should().Equal("CNY=100.00", "USD=7.50");
    }

    [Fact]
    public async Task CreateResellerUserQuota_MissingAmount_MissingParameter()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerAsync();

        var r = await p.Call("CreateResellerUserQuota", new Dictionary<string, string> { ["OwnerId"] = customer, ["Currency"] = "CNY" });

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("MissingParameter");
    }

    [Fact]
    public async Task BudgetActions_UnknownCustomer_InvalidOwner()
    {
        var p = await f.NewPartnerAsync();

        var create = await p.CreateQuota("1999999999999999", "100");
        var change = await p.Change("1999999999999999", "increase", "1");
        var query = await p.Query("1999999999999999");

        foreach (var r in new[] { create, change, query })
        {
            r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
            r.Code.Should().Be("InvalidOwner");
            r.Json["Message"]!.GetValue<string>().Should().Be("The specified owner doesn't belong to caller.");
        }
    }

    [Fact]
    public async Task BudgetActions_AnotherPartnersCustomer_InvalidOwnerAndItsLedgerIsUntouched()
    {
        var owner = await f.NewPartnerAsync();
        var other = await f.NewPartnerAsync();
        var customer = await owner.NewCustomerWithQuotaAsync("100");

        var set = await other.SetQuota(customer, "1");
        var change = await other.Change(customer, "increase", "50");
        var status = await other.SetStatus(customer, "FREEZE", "Freeze");
        var alarm = await other.SetAlarm(customer, "[{\"thresholdType\":0,\"thresholdAmount\":1000}]");
        var query = await other.Query(customer);

        foreach (var r in new[] { set, change, status, alarm, query })
        {
            r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
            r.Code.Should().Be("InvalidOwner");
        }
        var view = await owner.LedgerViewAsync(customer);
        view["ledgers"]![0]!["available"]!.GetValue<string>().Should().Be("100.00");
        view["stopped"]!.GetValue<bool>().Should().BeFalse();
        (await owner.AlarmsAsync(customer)).Should().BeEmpty();
    }

    [Fact]
    public async Task SetResellerUserQuota_ExistingLedger_ReplacesQuotaAndKeepsConsumption()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        (await p.Change(customer, "increase", "30")).Status.Should().Be(HttpStatusCode.OK);

        var r = await p.SetQuota(customer, "500");

        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.Json["Data"]!.GetValue<bool>().Should().BeTrue();
        (await p.AvailableAsync(customer)).Should().Be("470.00");
        (await p.Query(customer, "[\"CREDIT_QUOTA_BOOK_ITEM\"]")).Json["Data"]!.GetValue<string>().Should().Be("500.00");
    }

    [Fact]
    public async Task SetResellerUserQuota_WithoutCurrency_SetsTheCnyLedger()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var r = await p.SetQuota(customer, "250.5", currency: null);

        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        (await p.AvailableAsync(customer)).Should().Be("250.50");
    }

    [Fact]
    public async Task SetResellerUserQuota_BelowConsumption_AvailableGoesNegative()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        await p.Change(customer, "increase", "80");

        var r = await p.SetQuota(customer, "50");

        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        (await p.AvailableAsync(customer)).Should().Be("-30.00");
    }

    [Fact]
    public async Task SetResellerUserQuota_NoLedgerYet_CreditNotFoundAndNothingCreated()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerAsync();

        var r = await p.SetQuota(customer, "100");

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("CreditNotFound");
        (await p.LedgerViewAsync(customer))["ledgers"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task SetResellerUserQuota_SameOutBizIdOtherAmount_IdempotentParameterMismatchAndFirstAmountStays()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        (await p.SetQuota(customer, "200", outBizId: "set-1")).Status.Should().Be(HttpStatusCode.OK);
        (await p.SetQuota(customer, "300")).Status.Should().Be(HttpStatusCode.OK);

        var replay = await p.SetQuota(customer, "200.00", outBizId: "set-1");
        var mismatch = await p.SetQuota(customer, "250", outBizId: "set-1");

        replay.Status.Should().Be(HttpStatusCode.OK, replay.Text);
        mismatch.Status.Should().Be(HttpStatusCode.BadRequest, mismatch.Text);
        mismatch.Code.Should().Be("IdempotentParameterMismatch");
        (await p.AvailableAsync(customer)).Should().Be("300.00", "the replay must not apply 200 again");
    }

    [Fact]
    public async Task SetResellerUserQuota_NegativeAmount_ParameterErrorAndQuotaUnchanged()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var r = await p.SetQuota(customer, "-5");

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("ParameterError");
        (await p.AvailableAsync(customer)).Should().Be("100.00");
    }

    [Fact]
    public async Task QueryResellerAvailableQuota_NoLedger_AnswersZeroAsString()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerAsync();

        var r = await p.Query(customer);

        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.Json["Data"]!.GetValue<string>().Should().Be("0.00");
    }

    [Fact]
    public async Task QueryResellerAvailableQuota_BadItemCodes_ParameterError()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var notJson = await p.Query(customer, "CREDIT_QUOTA_BOOK_ITEM");
        var unknown = await p.Query(customer, "[\"SOMETHING\"]");

        notJson.Code.Should().Be("ParameterError");
        unknown.Code.Should().Be("ParameterError");
        unknown.Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateResellerUserQuota_V1WithoutFormat_AnswersXml()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerAsync();

        var r = await p.Client.V1("CreateResellerUserQuota", BudgetPartner.Version,
            new Dictionary<string, string> { ["OwnerId"] = customer, ["Amount"] = "5", ["Currency"] = "CNY" }, format: null);

        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.ContentType.Should().StartWith("text/xml");
        r.Text.Should().Contain("<CreateResellerUserQuotaResponse>").And.Contain("<Data>true</Data>").And.Contain("<Code>200</Code>");
    }

    [Fact]
    public async Task QueryResellerAvailableQuota_V1Get_AnswersDataAsString()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("20000");

        var r = await p.Client.V1("QueryResellerAvailableQuota", BudgetPartner.Version, new Dictionary<string, string> { ["OwnerId"] = customer });

        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.Json["Data"]!.GetValueKind().Should().Be(System.Text.Json.JsonValueKind.String);
        r.Json["Data"]!.GetValue<string>().Should().Be("20000.00");
    }
}
