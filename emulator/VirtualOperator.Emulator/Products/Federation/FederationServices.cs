using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.ControlPlane;
using VirtualOperator.Emulator.Partners;

namespace VirtualOperator.Emulator.Products.Federation;

public static class FederationServices
{
    public static IServiceCollection AddFederation(this IServiceCollection services)
    {
        services.AddOptions<FederationOptions>().BindConfiguration(FederationOptions.Section);
        services.AddSingleton<FederationStore>();
        services.AddSingleton<IcpDraftStore>();
        services.AddSingleton<FederationEndpoint>();
        services.AddSingleton<ConsoleAuth>();
        return services;
    }

    public static void MapFederation(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/federation", ["GET", "POST"], (HttpContext http, FederationEndpoint endpoint) => endpoint.HandleAsync(http));
        app.MapConsolePages();
        MapControl(app);
    }

    /// <summary>Controls of sign-in tokens, console sessions and ICP drafts (docs/accounts-and-access.md).</summary>
    private static void MapControl(IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/partners/{uid}/federation/signin-tokens", (string uid, PartnerStore partners, FederationStore store) =>
            partners.Get(uid) is null ? ControlReplies.NoPartner(uid) : Results.Ok(store.TokensOf(uid).Select(TokenView)));
        app.MapPost("/_emulator/federation/signin-tokens/{token}/expire", (string token, FederationStore store, VirtualClock clock) =>
            store.GetToken(token) is { } t ? Results.Ok(TokenView(store.ExpireToken(token, clock.NowFor(t.PartnerUid))!))
                : ControlReplies.NotFound("No such SigninToken."));

        app.MapGet("/_emulator/partners/{uid}/console/sessions", (string uid, PartnerStore partners, FederationStore store) =>
            partners.Get(uid) is null ? ControlReplies.NoPartner(uid) : Results.Ok(store.SessionsOf(uid).Select(SessionView)));
        app.MapPost("/_emulator/console/sessions/{id}/expire", (string id, FederationStore store, VirtualClock clock) =>
            store.GetSession(id) is { } s ? Results.Ok(SessionView(store.ExpireSession(id, clock.NowFor(s.PartnerUid))!))
                : ControlReplies.NotFound("No such console session."));
        app.MapPost("/_emulator/partners/{uid}/console/sessions/expire", (string uid, PartnerStore partners, FederationStore store, VirtualClock clock) =>
        {
            if (partners.Get(uid) is null) return ControlReplies.NoPartner(uid);
            var now = clock.NowFor(uid);
            return Results.Ok(store.SessionsOf(uid).Select(s => SessionView(store.ExpireSession(s.Id, now)!)).ToList());
        });

        app.MapGet("/_emulator/customers/{customerUid}/icp-draft", (string customerUid, IcpDraftStore drafts) =>
            drafts.Get(customerUid) is { } d
                ? Results.Ok(new { customerUid = d.Id, partner = d.PartnerUid, status = d.Status, filingId = d.FilingId, currentStep = d.CurrentStep, fields = d.Fields, updatedAt = Iso.Format(d.UpdatedAt) })
                : ControlReplies.NotFound($"Customer {customerUid} has no ICP draft."));
    }

    private static object TokenView(SigninToken t) => new
    {
        signinToken = t.Id, partner = t.PartnerUid, customerUid = t.CustomerUid, stsAccessKeyId = t.StsAccessKeyId, ticketType = t.TicketType,
        issuedAt = Iso.Format(t.IssuedAt), expiresAt = Iso.Format(t.ExpiresAt), usedAt = Iso.Format(t.UsedAt),
    };

    private static object SessionView(ConsoleSession s) => new
    {
        sessionId = s.Id, partner = s.PartnerUid, customerUid = s.CustomerUid, loginUrl = s.LoginUrl,
        createdAt = Iso.Format(s.CreatedAt), expiresAt = Iso.Format(s.ExpiresAt),
    };
}
