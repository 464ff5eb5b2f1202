using VirtualOperator.Emulator.ControlPlane;
using System.Text.Json.Nodes;
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
                .Select(m => JsonNode.Parse(m.MessageBody)!["Data"]!)
                .Where(d => customer is null || d["CustomerUid"]!.GetValue<string>() == customer)));

        // One customer's ledgers, status and alarm rules.
        api.MapGet("/customers/{customer}", (string uid, string customer, PartnerStore partners, CustomerScope customers,
            CreditLedger ledger, BudgetAlarms alarms) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            if (!customers.Owns(uid, customer))
                return Results.Json(new { error = $"Partner {uid} has no customer {customer}." }, statusCode: 404);
            var status = ledger.Status(customer);
            return Results.Ok(new
            {
                customer,
                stopped = status?.Stopped ?? false, status = status?.Status ?? "Normal", stopMode = status?.StopMode, hosted = status?.Hosted ?? true,
                ledgers = ledger.ForCustomer(customer).OrderBy(c => c.Currency, StringComparer.Ordinal).Select(c => new
                {
                    currency = c.Currency, quota = Money.Format(c.Quota), consumed = Money.Format(c.Consumed), available = Money.Format(c.Available),
                }),
                alarmThresholds = alarms.SettingsFor(customer)?.Thresholds.Select(t => new
                {
                    thresholdType = t.ThresholdType, thresholdAmount = Money.Format(t.ThresholdAmount), numerator = t.Numerator, denominator = t.Denominator,
                }) ?? [],
            });
        });
    }

    private static IResult NoPartner(string uid) => Results.Json(new { error = $"No partner with uid {uid}." }, statusCode: 404);
}
