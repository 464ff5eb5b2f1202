using System.Net;
using System.Text.Json.Serialization;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.ControlPlane;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Pipeline;

namespace VirtualOperator.Emulator.Products.Aas;

/// <summary>
/// The page behind the verification URL, where the end customer completes (or abandons) verification, and the
/// control-plane equivalents for tests: <c>/_emulator/customers/{uid}/identity[/complete|/reject]</c>.
/// </summary>
public static class IdentityPages
{
    public static void MapIdentityPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/aas/cert", (string? ticket, IdentityVerifications ids, CustomerStore customers) =>
            ids.FindByTicket(ticket ?? "") is { } v && customers.Get(v.Id) is { } c
                ? Html(200, CertPage(c, v, null))
                : Html(404, Layout("<h1>Verification link not valid</h1><p data-testid=\"invalid-ticket\">This identity verification link is unknown or was replaced by a newer one.</p>")));
        app.MapPost("/aas/cert", async (HttpContext http, IdentityVerifications ids, CustomerStore customers, VirtualClock clock) =>
        {
            var (form, status, error) = await FormBody.ReadAsync(http.Request);
            if (form is null) return Html(status, Layout($"<h1>Not a form</h1><p class=\"error\">{WebUtility.HtmlEncode(error)}</p>"));
            if (ids.FindByTicket(form["ticket"].ToString()) is not { } v || customers.Get(v.Id) is not { } c)
                return Html(404, Layout("<h1>Verification link not valid</h1>"));
            var name = form["name"].ToString().Trim();
            if (name.Length == 0 || FormBody.HasControlCharacters(form)) return Html(400, CertPage(c, v, "Please enter the name on your identity document."));
            v = ids.Complete(c, IdentityCustomers.SubjectType(form["subjectType"]), name, clock.NowFor(c.PartnerUid));
            return Html(200, CertPage(c, v, null));
        });

        var api = app.MapGroup("/_emulator/customers/{customerUid}/identity");
        api.MapGet("", (string customerUid, CustomerStore customers, IdentityVerifications ids) =>
            customers.Get(customerUid) is { } c ? Results.Ok(View(c, ids.Get(c))) : NoCustomer(customerUid)).Produces<IdentityView>();
        api.MapPost("/complete", (string customerUid, CompleteBody? body, CustomerStore customers, IdentityVerifications ids, VirtualClock clock) =>
            customers.Get(customerUid) is { } c
                ? Results.Ok(View(c, ids.Complete(c, IdentityCustomers.SubjectType(body?.SubjectType), body?.Name, clock.NowFor(c.PartnerUid))))
                : NoCustomer(customerUid)).Produces<IdentityView>();
        api.MapPost("/reject", IResult (string customerUid, RejectBody? body, CustomerStore customers, IdentityVerifications ids, VirtualClock clock) =>
        {
            if (customers.Get(customerUid) is not { } c) return NoCustomer(customerUid);
            try { return Results.Ok(View(c, ids.Reject(c, body?.Reason, clock.NowFor(c.PartnerUid)))); }
            catch (InvalidOperationException e) { return ControlReplies.Conflict(e.Message); }
        }).Produces<IdentityView>();
    }

    private static IdentityView View(Customer c, IdentityVerification v) => new(
        c.Id, c.PartnerUid, v.Status.ToString(), c.IsCertified || v.Status == VerificationStatus.Certified,
        v.SubjectType, v.CertifiedName, v.BidType, v.RejectReason, Iso.Format(v.CertifiedAt), Iso.Format(v.UpdatedAt));

    private static string CertPage(Customer c, IdentityVerification v, string? error)
    {
        Func<string?, string> e = s => WebUtility.HtmlEncode(s ?? "");
        var status = $"<p>Account {e(c.Id)} ({e(c.LoginEmail)}): <strong data-testid=\"status\">{v.Status}</strong></p>";
        if (v.Status == VerificationStatus.Certified)
            return Layout($"<h1>Identity verification</h1>{status}<p>Verified as {e(v.CertifiedName)} ({e(v.SubjectType)}).</p>");
        var reject = v.Status == VerificationStatus.Rejected ? $"<p class=\"error\">Last attempt was rejected: {e(v.RejectReason)}</p>" : "";
        var err = error is null ? "" : $"<p class=\"error\" data-testid=\"error\">{e(error)}</p>";
        return Layout($"<h1>Identity verification</h1>{status}{reject}{err}<form method=\"post\" action=\"/aas/cert\">" +
            $"<input type=\"hidden\" name=\"ticket\" value=\"{e(v.Ticket)}\">" +
            $"<label>Subject type <select name=\"subjectType\"><option{(v.SubjectType == "Individual" ? " selected" : "")}>Individual</option><option{(v.SubjectType == "Enterprise" ? " selected" : "")}>Enterprise</option></select></label>" +
            "<label>Name on the document <input name=\"name\"></label><button type=\"submit\" data-testid=\"complete\">Verify</button></form>");
    }

    private static string Layout(string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Identity verification (emulated)</title>" +
        "<style>body{font-family:sans-serif;margin:16px}label{display:block;margin:8px 0}.error{color:#b00020}</style></head><body>" + body + "</body></html>";

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static IResult NoCustomer(string uid) => ControlReplies.NotFound($"No customer with uid {uid}.");

    public sealed record CompleteBody([property: JsonPropertyName("subjectType")] string? SubjectType, [property: JsonPropertyName("name")] string? Name);
    public sealed record RejectBody([property: JsonPropertyName("reason")] string? Reason);
}

/// <summary>A customer's identity verification as the control plane shows it.</summary>
public sealed record IdentityView(
    string CustomerUid, string Partner, string Status, bool IsCertified, string SubjectType, string? CertifiedName, string? BidType,
    string? RejectReason, string? CertifiedAt, string UpdatedAt);
