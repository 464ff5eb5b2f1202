using Microsoft.AspNetCore.Http.HttpResults;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Protocol.Pipeline;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Products.BssOpenApi.Budget;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.Resources;

namespace VirtualOperator.Emulator.ControlPlane.Dashboard;

/// <summary>
/// The dashboard (<c>GET /_emulator/ui</c>, one static page) and the read routes it needs beyond the control plane's:
/// a partner's customers with their credit, its resources of every product (<see cref="IResourceDirectory"/>) and its
/// orders. Everything else the page shows comes from the control-plane routes a script would call.
/// </summary>
public static class DashboardApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/ui", () => TypedResults.Content(DashboardPage.Html, "text/html; charset=utf-8")).ExcludeFromDescription();
        api.MapGet("/ui/dashboard.js", () => TypedResults.Content(DashboardScript.Js, "text/javascript; charset=utf-8")).ExcludeFromDescription();

        // A journalled call as a signed curl command and an official-SDK snippet (CallRecipes), for "copy as…".
        api.MapGet("/partners/{uid}/requests/{requestId}/recipe", Results<Ok<CallRecipe>, NotFound<ControlError>> (
            string uid, string requestId, HttpContext http, PartnerStore partners, RequestJournal journal, WallClock wall) =>
        {
            if (partners.Get(uid) is not { } p) return TypedResults.NotFound(new ControlError($"No partner with uid {uid}."));
            var call = journal.Recent(int.MaxValue, uid).FirstOrDefault(e => e.RequestId == requestId);
            if (call is null) return TypedResults.NotFound(new ControlError($"No call {requestId} in partner {uid}'s journal."));
            if (call.Action is null || call.Version is null || call.Parameters is null)
                return TypedResults.NotFound(new ControlError($"Call {requestId} is not an RPC call with a known action and version; it cannot be replayed."));
            return TypedResults.Ok(CallRecipes.Build(call, p, $"{http.Request.Scheme}://{http.Request.Host}", wall.UtcNow));
        });

        api.MapGet("/partners/{uid}/customers", Results<Ok<List<CustomerRow>>, NotFound<ControlError>> (
            string uid, PartnerStore partners, CustomerStore customers, CreditLedger credit) =>
            partners.Get(uid) is null
                ? TypedResults.NotFound(new ControlError($"No partner with uid {uid}."))
                : TypedResults.Ok(customers.ListForPartner(uid).Select(c => new CustomerRow(
                    c.Id, c.LoginEmail, Iso.Format(c.CreatedAt), credit.Status(c.Id)?.Status ?? "Normal",
                    credit.ForCustomer(c.Id).Select(l => new CreditRow(l.Currency, l.Quota, l.Consumed, l.Available)).ToList())).ToList()));

        api.MapGet("/partners/{uid}/resources", Results<Ok<List<ResourceView>>, NotFound<ControlError>> (
            string uid, PartnerStore partners, IEnumerable<IResourceDirectory> directories) =>
            partners.Get(uid) is null
                ? TypedResults.NotFound(new ControlError($"No partner with uid {uid}."))
                : TypedResults.Ok(directories.SelectMany(d => d.ForPartner(uid)).ToList()));

        api.MapGet("/partners/{uid}/orders", Results<Ok<List<OrderRow>>, NotFound<ControlError>> (string uid, PartnerStore partners, SalesStore sales) =>
            partners.Get(uid) is null
                ? TypedResults.NotFound(new ControlError($"No partner with uid {uid}."))
                : TypedResults.Ok(sales.OrdersOf(uid, null).OrderByDescending(o => o.CreateTime).ThenByDescending(o => o.Id, StringComparer.Ordinal)
                    .Select(o => new OrderRow(o.Id, o.CustomerUid, o.InstanceId, o.ProductCode, o.OrderType, o.PaymentStatus, o.Amount, o.Currency,
                        Iso.Format(o.CreateTime))).ToList()));
    }
}

public sealed record CreditRow(string Currency, decimal Quota, decimal Consumed, decimal Available);

public sealed record CustomerRow(string Uid, string LoginEmail, string CreatedAt, string Status, List<CreditRow> Credit);

public sealed record OrderRow(
    string OrderId, string CustomerUid, string InstanceId, string ProductCode, string OrderType, string PaymentStatus, decimal Amount,
    string Currency, string CreateTime);
