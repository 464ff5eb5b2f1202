using System.Net;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Budget;

/// <summary>
/// Resets reach the ledgers and OutBizId records, which the emulator keeps in memory (not in LiteDB) when it runs
/// without <c>--data</c>: a partner reset forgets exactly that partner's, a global reset everyone's.
/// </summary>
public sealed class BudgetResetTests(BudgetFixture f) : IClassFixture<BudgetFixture>
{
    [Fact]
    public async Task PartnerReset_ForgetsItsOutBizIdsAndLedgers_AndKeepsAnotherPartners()
    {
        var reset = await f.NewPartnerAsync();
        var kept = await f.NewPartnerAsync();
        var resetCustomer = await reset.NewCustomerWithQuotaAsync("100");
        var keptCustomer = await kept.NewCustomerWithQuotaAsync("100");
        (await reset.Change(resetCustomer, "increase", "10", outBizId: "shared-id")).Status.Should().Be(HttpStatusCode.OK);
        (await kept.Change(keptCustomer, "increase", "10", outBizId: "shared-id")).Status.Should().Be(HttpStatusCode.OK);

        (await f.App.CreateClient().PostAsync($"/_emulator/partners/{reset.Keys.Uid}/reset", System.Net.Http.Json.JsonContent.Create(new { }))).EnsureSuccessStatusCode();

        var newCustomer = await reset.NewCustomerWithQuotaAsync("100");
        var reused = await reset.Change(newCustomer, "increase", "25", outBizId: "shared-id");
        reused.Status.Should().Be(HttpStatusCode.OK, "the reset partner's OutBizId records are gone, so the id is fresh: " + reused.Text);
        reused.Json["Data"]!.GetValue<string>().Should().Be("25.00");
        (await reset.Query(resetCustomer)).Json["Code"]!.GetValue<string>().Should().Be("InvalidOwner", "the customer itself was reset");

        var otherContent = await kept.Change(keptCustomer, "increase", "25", outBizId: "shared-id");
        otherContent.Json["Code"]!.GetValue<string>().Should().Be("IdempotentParameterMismatch", "the other partner's record survived");
        (await kept.AvailableAsync(keptCustomer)).Should().Be("90.00");
        var ledger = await kept.LedgerViewAsync(keptCustomer);
        ledger.ToJsonString().Should().Contain("90.00");
    }
}
