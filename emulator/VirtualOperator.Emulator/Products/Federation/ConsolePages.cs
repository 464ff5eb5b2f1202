using System.Text;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Products.Bsn;
using VirtualOperator.Emulator.Protocol.Errors;
using static VirtualOperator.Emulator.Products.Federation.ConsoleHtml;

namespace VirtualOperator.Emulator.Products.Federation;

/// <summary>
/// The console and service-suite pages a partner embeds in an iframe after the logon-free sign-in: home, BUY and the
/// ICP filing wizard. Every page needs a live session (virtual time); an expired one gets the "login expired" page,
/// which sends the frame to the session's LoginUrl. The ICP draft is saved per customer at every step.
/// </summary>
public static class ConsolePages
{
    public static void MapConsolePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console", () => Results.Redirect("/console/home"));
        app.MapGet("/console/home", (HttpContext http, ConsoleAuth auth) => auth.Run(http, s => Html(200, Page("Home",
            $"<h1 data-testid=\"page-title\">Console home</h1><p>Signed in logon-free as customer {E(s.CustomerUid)}.</p>" +
            "<ul><li><a href=\"/console/buy\">Buy cloud products</a></li><li><a href=\"/console/icp\">ICP filing</a></li></ul>", s))));
        app.MapGet("/console/buy", (HttpContext http, ConsoleAuth auth) => auth.Run(http, s => Html(200, Page("Buy", BuyForm(), s))));
        app.MapPost("/console/buy", (HttpContext http, ConsoleAuth auth) => auth.Run(http, s => Html(501, Page("Buy",
            "<h1 data-testid=\"page-title\">Buy</h1><p class=\"error\" data-testid=\"not-emulated\">Placing an order from the emulated console " +
            "is not implemented; nothing was ordered. Use the BssOpenApi CreateInstance API.</p>", s))));
        app.MapGet("/console/icp", (HttpContext http, int? step, ConsoleAuth auth, IcpDraftStore drafts, IcpFilings filings) => auth.Run(http, s =>
        {
            var draft = drafts.GetOrNew(s.PartnerUid, s.CustomerUid);
            var n = Math.Clamp(step ?? draft.CurrentStep, 1, draft.CurrentStep);
            return Html(200, Page("ICP filing", Wizard(draft, filings, n, null), s));
        }));
        app.MapPost("/console/icp", async (HttpContext http, ConsoleAuth auth, IcpDraftStore drafts, IcpFilings filings, VirtualClock clock) =>
        {
            var (form, status, error) = await Protocol.Pipeline.FormBody.ReadAsync(http.Request);
            if (form is null) return Html(status, Page("ICP filing", $"<p class=\"error\">{E(error)}</p>", null));
            return auth.Run(http, s => SaveStep(s, form, drafts, filings, clock.NowFor(s.PartnerUid)));
        });
    }

    private static IResult SaveStep(ConsoleSession s, IFormCollection form, IcpDraftStore drafts, IcpFilings filings, DateTimeOffset now)
    {
        var draft = drafts.GetOrNew(s.PartnerUid, s.CustomerUid);
        if (!IcpDraftStatuses.IsEditable(draft.Status))
            return Html(409, Page("ICP filing", Wizard(draft, filings, 4, "This filing was submitted already."), s));
        if (!int.TryParse(form["step"], out var n) || IcpWizard.Find(n) is not { } step || n > draft.CurrentStep)
            return Html(400, Page("ICP filing", Wizard(draft, filings, draft.CurrentStep, "Unknown wizard step."), s));

        var missing = step.Fields.Where(f => string.IsNullOrWhiteSpace(form[f.Name])).Select(f => f.Label).ToList();
        foreach (var f in step.Fields) draft.Fields[f.Name] = form[f.Name].ToString().Trim();
        if (missing.Count > 0)
            return Html(400, Page("ICP filing", Wizard(draft, filings, n, "Please fill in: " + string.Join(", ", missing) + "."), s));
        draft.UpdatedAt = now.UtcDateTime;
        if (n == IcpWizard.Steps.Count)
        {
            try
            {
                filings.Submit(draft, draft.Fields["ServiceNumber"], now);
            }
            catch (ApiException e)
            {
                // The number is refused with the Bsn API's own reason; what the customer typed is kept.
                drafts.Save(draft);
                return Html(400, Page("ICP filing", Wizard(draft, filings, n, $"The service number was refused: {e.Message} (code {e.Code})"), s));
            }
            return Results.Redirect("/console/icp");
        }
        draft.CurrentStep = Math.Max(draft.CurrentStep, n + 1);
        drafts.Save(draft);
        return Results.Redirect($"/console/icp?step={n + 1}");
    }

    private static string Wizard(IcpDraft draft, IcpFilings filings, int n, string? error)
    {
        var sb = new StringBuilder("<h1 data-testid=\"page-title\">ICP filing</h1><div class=\"steps\">");
        foreach (var st in IcpWizard.Steps)
            sb.Append("<span class=\"").Append(st.Number == n ? "current" : "").Append("\">").Append(st.Number).Append(". ").Append(E(st.Title)).Append("</span>");
        sb.Append("</div>");
        var filing = draft.FilingId is null ? null : filings.Get(draft.PartnerUid, draft.FilingId);
        if (!IcpDraftStatuses.IsEditable(draft.Status))
            return FilingStatus(sb, draft, filing).ToString();
        if (draft.Status == IcpDraftStatuses.Rejected && filing is not null)
            sb.Append("<p class=\"error\" data-testid=\"icp-rejected\">Filing ").Append(E(filing.Id)).Append(" was rejected: <span data-testid=\"reject-reason\">")
              .Append(E(filing.RejectReason)).Append("</span> Fix the fields below and submit again.</p>");
        var step = IcpWizard.Find(n)!;
        sb.Append("<h2 data-testid=\"icp-step\" data-step=\"").Append(n).Append("\">Step ").Append(n).Append(": ").Append(E(step.Title)).Append("</h2>");
        if (error is not null) sb.Append("<p class=\"error\" data-testid=\"error\">").Append(E(error)).Append("</p>");
        sb.Append("<form method=\"post\" action=\"/console/icp\"><input type=\"hidden\" name=\"step\" value=\"").Append(n).Append("\">");
        var last = n == IcpWizard.Steps.Count;
        if (last)
        {
            sb.Append("<dl data-testid=\"icp-review\">");
            foreach (var f in IcpWizard.Steps.Where(x => x.Number < n).SelectMany(x => x.Fields))
                sb.Append("<dt>").Append(E(f.Label)).Append("</dt><dd data-field=\"").Append(f.Name).Append("\">").Append(E(draft.Fields.GetValueOrDefault(f.Name))).Append("</dd>");
            sb.Append("</dl>");
        }
        foreach (var f in step.Fields)
            sb.Append("<label for=\"").Append(f.Name).Append("\">").Append(E(f.Label)).Append("</label><input id=\"").Append(f.Name)
              .Append("\" name=\"").Append(f.Name).Append("\" value=\"").Append(E(draft.Fields.GetValueOrDefault(f.Name))).Append("\">");
        if (n > 1) sb.Append("<p><a href=\"/console/icp?step=").Append(n - 1).Append("\">Back</a></p>");
        sb.Append("<p><button type=\"submit\" data-testid=\"next\">").Append(last ? "Submit filing" : "Next").Append("</button></p></form>");
        return sb.ToString();
    }

    /// <summary>A submitted draft: where its filing stands (submitted, under review, approved with its ICP number).</summary>
    private static StringBuilder FilingStatus(StringBuilder sb, IcpDraft draft, IcpFiling? filing)
    {
        sb.Append("<p data-testid=\"icp-status\" data-status=\"").Append(E(filing?.Status.ToString() ?? draft.Status)).Append("\">");
        if (filing is null) return sb.Append("Submitted for review on ").Append(E(ControlPlane.Iso.Format(draft.SubmittedAt))).Append(".</p>");
        sb.Append(filing.Status switch
        {
            IcpFilingStatus.Approved => $"Filing {E(filing.Id)} was approved. ICP number: <strong data-testid=\"beian-num\">{E(filing.BeianNum)}</strong>.",
            IcpFilingStatus.UnderReview => $"Filing {E(filing.Id)} is under review (submitted for review on {E(ControlPlane.Iso.Format(filing.SubmittedAt))}).",
            _ => $"Filing {E(filing.Id)} was submitted for review on {E(ControlPlane.Iso.Format(filing.SubmittedAt))}.",
        });
        return sb.Append("</p><p>Service number <span data-testid=\"icp-sn\">").Append(E(filing.Sn)).Append("</span>, domain ")
            .Append(E(filing.Fields.GetValueOrDefault("Domain"))).Append(".</p>");
    }

    private static string BuyForm() =>
        "<h1 data-testid=\"page-title\">Buy</h1><form method=\"post\" action=\"/console/buy\">" +
        "<label for=\"product\">Product</label><select id=\"product\" name=\"product\"><option>ECS</option><option>RDS</option></select>" +
        "<p><button type=\"submit\">Buy now</button></p></form>";

    internal static IResult Html(int status, string html) => new HtmlResult(status, html);

    /// <summary>HTML that may be framed by any origin (the partner's page), never cached (it shows session state).</summary>
    private sealed class HtmlResult(int status, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.ContentSecurityPolicy = "frame-ancestors *";
            http.Response.Headers.CacheControl = "no-store";
            return http.Response.WriteAsync(html, Encoding.UTF8);
        }
    }
}

/// <summary>Resolves the console session of a page request, and answers for a missing or expired one.</summary>
public sealed class ConsoleAuth(FederationStore store, VirtualClock clock, PartnerStore partners, DueWorkRunner dueWork, IOptions<FederationOptions> options)
{
    public IResult Run(HttpContext http, Func<ConsoleSession, IResult> page)
    {
        var id = http.Request.Cookies[FederationEndpoint.SessionCookie];
        var session = id is null ? null : store.GetSession(id);
        if (session is null)
            return ConsolePages.Html(401, Page("Not signed in",
                "<h1 data-testid=\"page-title\">Not signed in</h1><p data-testid=\"not-signed-in\">Open the console through your partner portal (logon-free sign-in).</p>", null));
        dueWork.RunFor(session.PartnerUid);
        var now = clock.NowFor(session.PartnerUid);
        if (session.IsExpiredAt(now) || partners.Get(session.PartnerUid)?.IsExpiredAt(now) == true)
        {
            var wait = options.Value.ExpiredPageRedirectSeconds;
            var url = E(session.LoginUrl);
            return ConsolePages.Html(401, Page("Login expired",
                "<h1 data-testid=\"page-title\">Login expired</h1><p data-testid=\"login-expired\">Your console session expired at " +
                E(ControlPlane.Iso.Format(session.ExpiresAt)) + ". Anything you saved is kept; you will be sent to sign in again.</p>" +
                $"<p><a data-testid=\"login-url\" href=\"{url}\">Sign in again</a></p>", null,
                $"<meta http-equiv=\"refresh\" content=\"{wait};url={url}\">"));
        }
        return page(session);
    }
}
