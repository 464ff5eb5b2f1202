using VirtualOperator.Emulator.ControlPlane;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Products.Messages;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// <c>/_emulator/partners/{uid}/budget/…</c>: what a test needs to see that the API does not show.
/// Amounts are strings with two places, exactly as the ledger holds them.
/// </summary>
public static class BudgetControlPlane
{
    public static void MapBudgetControlPlane(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/_emulator/partners/{uid}/budget");

        // The partner's QuotaLowBalance events (as on its message queue), oldest first; ?customer= narrows to one customer.
        api.MapGet("/alarms", (string uid, string? customer, PartnerStore partners, MessageStore messages) =>
            partners.Get(uid) is null ? NoPartner(uid) : Results.Ok(messages.ListFor(uid)
                .Where(m => m.EventType == PartnerEventTypes.QuotaLowBalance)
                .Select(m => JsonNode.Parse(m.MessageBody)!["Data"]!.Deserialize<QuotaLowBalanceAlarm>()!)
                .Where(d => customer is null || d.CustomerUid == customer).ToList()))
            .Produces<List<QuotaLowBalanceAlarm>>();

        // One customer's ledgers, status and alarm rules.
        api.MapGet("/customers/{customer}", (string uid, string customer, PartnerStore partners, CustomerScope customers,
            CreditLedger ledger, BudgetAlarms alarms) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            if (!customers.Owns(uid, customer))
                return Results.Json(new { error = $"Partner {uid} has no customer {customer}." }, statusCode: 404);
            var status = ledger.Status(customer);
            return Results.Ok(new BudgetCustomerView(
                customer, status?.Stopped ?? false, status?.Status ?? "Normal", status?.StopMode, status?.Hosted ?? true,
                ledger.ForCustomer(customer).OrderBy(c => c.Currency, StringComparer.Ordinal)
                    .Select(c => new BudgetLedgerView(c.Currency, Money.Format(c.Quota), Money.Format(c.Consumed), Money.Format(c.Available))).ToList(),
                alarms.SettingsFor(customer)?.Thresholds
                    .Select(t => new BudgetThresholdView(t.ThresholdType, Money.Format(t.ThresholdAmount), t.Numerator, t.Denominator)).ToList() ?? []));
        }).Produces<BudgetCustomerView>();
    }

    private static IResult NoPartner(string uid) => Results.Json(new { error = $"No partner with uid {uid}." }, statusCode: 404);
}

/// <summary>One customer's credit as the budget control plane shows it (amounts with two places, as the ledger holds them).</summary>
public sealed record BudgetCustomerView(
    string Customer, bool Stopped, string Status, string? StopMode, bool Hosted, List<BudgetLedgerView> Ledgers, List<BudgetThresholdView> AlarmThresholds);

public sealed record BudgetLedgerView(string Currency, string Quota, string Consumed, string Available);

public sealed record BudgetThresholdView(int ThresholdType, string ThresholdAmount, int Numerator, int Denominator);

/// <summary>The <c>Data</c> of a <c>QuotaLowBalance</c> event, exactly as the partner's queue carries it (PascalCase).</summary>
public sealed record QuotaLowBalanceAlarm(
    [property: JsonPropertyName("CustomerUid")] string CustomerUid,
    [property: JsonPropertyName("AlarmType")] string AlarmType,
    [property: JsonPropertyName("Currency")] string Currency,
    [property: JsonPropertyName("ThresholdType")] int ThresholdType,
    [property: JsonPropertyName("ThresholdAmount")] string ThresholdAmount,
    [property: JsonPropertyName("AvailableAmount")] string AvailableAmount,
    [property: JsonPropertyName("QuotaAmount")] string QuotaAmount);
