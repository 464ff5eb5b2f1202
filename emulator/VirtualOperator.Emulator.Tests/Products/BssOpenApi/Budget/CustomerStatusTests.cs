using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Products.BssOpenApi.Budget;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Budget;

public sealed class CustomerStatusTests(BudgetFixture f) : IClassFixture<BudgetFixture>
{
    [Fact]
    public async Task SetResellerUserStatus_Freeze_StsWritesRefusedAndReadsKeepWorking()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        var asCustomer = p.AsCustomer(customer);

        var freeze = await p.SetStatus(customer, "FREEZE", "Freeze", stopMode: "1");
        var write = await asCustomer.V3("CreateAgAccount", BudgetPartner.Version, new Dictionary<string, string> { ["LoginEmail"] = "x@example.com" });
        var read = await asCustomer.V3("QueryResellerAvailableQuota", BudgetPartner.Version, new Dictionary<string, string> { ["OwnerId"] = customer });
        var list = await asCustomer.V3("GetCustomerList", BudgetPartner.Version);

        freeze.Status.Should().Be(HttpStatusCode.OK, freeze.Text);
        freeze.Json["Data"]!.GetValue<bool>().Should().BeTrue();
        write.Status.Should().Be(HttpStatusCode.Forbidden, write.Text);
        write.Code.Should().Be("Forbidden.UserStopped");
        write.Json["Message"]!.GetValue<string>().Should().Contain(customer).And.Contain("CreateAgAccount");
        read.Status.Should().Be(HttpStatusCode.OK, read.Text);
        read.Json["Data"]!.GetValue<string>().Should().Be("100.00");
        list.Status.Should().Be(HttpStatusCode.OK, list.Text);
        (await p.LedgerViewAsync(customer))["stopMode"]!.GetValue<string>().Should().Be("1");
    }

    [Fact]
    public async Task SetResellerUserStatus_Thaw_StsWritesNoLongerRefusedForTheStop()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        await p.SetStatus(customer, "FREEZE", "Freeze");

        var thaw = await p.SetStatus(customer, "FREEZE", "Thaw");
        var write = await p.AsCustomer(customer).V3("SetResellerUserQuota", BudgetPartner.Version,
            new Dictionary<string, string> { ["OwnerId"] = customer, ["Amount"] = "5" });

        thaw.Status.Should().Be(HttpStatusCode.OK, thaw.Text);
        // Resumed: the call reaches the action, which a customer may not use on its own budget.
        write.Code.Should().Be("NotApplicable");
        (await p.LedgerViewAsync(customer))["stopped"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task SetResellerUserStatus_Freeze_OtherCustomersStsWritesUnaffected()
    {
        var p = await f.NewPartnerAsync();
        var stopped = await p.NewCustomerWithQuotaAsync("100");
        var other = await p.NewCustomerWithQuotaAsync("100");
        await p.SetStatus(stopped, "FREEZE", "Freeze");

        var r = await p.AsCustomer(other).V3("SetResellerUserQuota", BudgetPartner.Version,
            new Dictionary<string, string> { ["OwnerId"] = other, ["Amount"] = "5" });

        r.Code.Should().Be("NotApplicable");
    }

    [Fact]
    public async Task SetResellerUserStatus_Freeze_PurchasesRefusedUntilThaw()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        var ledger = f.App.Services.GetRequiredService<CreditLedger>();
        await p.SetStatus(customer, "FREEZE", "Freeze");

        var refused = () => ledger.Charge(p.Keys.Uid, customer, "CNY", 10m, DateTimeOffset.UnixEpoch);
        refused.Should().Throw<Emulator.Protocol.Errors.ApiException>().Which.Code.Should().Be("Forbidden.UserStopped");
        (await p.AvailableAsync(customer)).Should().Be("100.00");

        await p.SetStatus(customer, "FREEZE", "Thaw");
        ledger.Charge(p.Keys.Uid, customer, "CNY", 10m, DateTimeOffset.UnixEpoch);
        (await p.AvailableAsync(customer)).Should().Be("90.00");
    }

    [Fact]
    public async Task Purchase_BeyondAvailableQuota_InsufficientQuotaAndNothingCharged()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        var ledger = f.App.Services.GetRequiredService<CreditLedger>();
        ledger.Charge(p.Keys.Uid, customer, "CNY", 99.99m, DateTimeOffset.UnixEpoch);

        var tooMuch = () => ledger.Charge(p.Keys.Uid, customer, "CNY", 0.02m, DateTimeOffset.UnixEpoch);

        tooMuch.Should().Throw<Emulator.Protocol.Errors.ApiException>().Which.Code.Should().Be("InsufficientQuota");
        (await p.AvailableAsync(customer)).Should().Be("0.01");
    }

    [Fact]
    public async Task SetResellerUserStatus_Freeze_PartnerKeysStillRecordConsumption()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        await p.SetStatus(customer, "FREEZE", "Freeze");

        var r = await p.Change(customer, "increase", "10");

        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        (await p.AvailableAsync(customer)).Should().Be("90.00");
    }

    [Fact]
    public async Task SetResellerUserStatus_TrusteeshipCancel_RecordsHostingWithoutStopping()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var r = await p.SetStatus(customer, "TRUSTEESHIP", "TrusteeshipCancel");

        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        var view = await p.LedgerViewAsync(customer);
        view["hosted"]!.GetValue<bool>().Should().BeFalse();
        view["stopped"]!.GetValue<bool>().Should().BeFalse();
    }

    [Theory]
    [InlineData("FREEZE", "Trusteeship", null, "Status")]
    [InlineData("TRUSTEESHIP", "Freeze", null, "Status")]
    [InlineData("STOP", "Freeze", null, "BusinessType")]
    [InlineData("FREEZE", "freeze", null, "Status")]
    [InlineData("FREEZE", "Freeze", "2", "StopMode")]
    public async Task SetResellerUserStatus_BadCombination_ParameterErrorAndStatusUnchanged(string businessType, string status, string? stopMode, string named)
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var r = await p.SetStatus(customer, businessType, status, stopMode);

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("ParameterError");
        r.Json["Message"]!.GetValue<string>().Should().Contain(named);
        (await p.LedgerViewAsync(customer))["stopped"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task BudgetWrites_WithCustomersOwnStsCredentials_NotApplicable()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");

        var r = await p.AsCustomer(customer).V3("ChangeResellerConsumeAmount", BudgetPartner.Version, new Dictionary<string, string>
        {
            ["OwnerId"] = customer, ["AdjustType"] = "decrease", ["Amount"] = "1", ["Currency"] = "CNY",
            ["BusinessType"] = "quota_amount_adjust", ["Source"] = "self", ["OutBizId"] = "self-1",
        });

        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be("NotApplicable");
        r.Json["Message"]!.GetValue<string>().Should().Be("This API is not applicable for caller.");
    }

    [Fact]
    public async Task GetCustomerAccountInfo_ShowsWhatSetResellerUserStatusLeft()
    {
        var p = await f.NewPartnerAsync();
        var customer = await p.NewCustomerWithQuotaAsync("100");
        async Task<(string Hosting, string Credit)> Info()
        {
            var r = await p.Call("GetCustomerAccountInfo", new Dictionary<string, string> { ["OwnerId"] = customer });
            r.Status.Should().Be(HttpStatusCode.OK, r.Text);
            return (r.Json["Data"]!["HostingStatus"]!.GetValue<string>(), r.Json["Data"]!["CreditLimitStatus"]!.GetValue<string>());
        }

        (await Info()).Should().Be(("Trusteeship", "Thaw"), "a customer no status call has touched is hosted and thawed [I]");
        await p.SetStatus(customer, "FREEZE", "Freeze");
        (await Info()).Should().Be(("Trusteeship", "Freeze"));
        await p.SetStatus(customer, "TRUSTEESHIP", "TrusteeshipCancel");
        (await Info()).Should().Be(("TrusteeshipCancel", "Freeze"));
        await p.SetStatus(customer, "FREEZE", "Thaw");
        await p.SetStatus(customer, "TRUSTEESHIP", "Trusteeship");
        (await Info()).Should().Be(("Trusteeship", "Thaw"));
    }
}
