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
            partners.Get(uid) is null ? ControlReplies.NoPartner(uid) : Results.Ok(store.TokensOf(uid).Select(TokenView).ToList()))
            .Produces<List<SigninTokenView>>();
        app.MapPost("/_emulator/federation/signin-tokens/{token}/expire", (string token, FederationStore store, VirtualClock clock) =>
            store.GetToken(token) is { } t ? Results.Ok(TokenView(store.ExpireToken(token, clock.NowFor(t.PartnerUid))!))
                : ControlReplies.NotFound("No such SigninToken."))
            .Produces<SigninTokenView>();

        app.MapGet("/_emulator/partners/{uid}/console/sessions", (string uid, PartnerStore partners, FederationStore store) =>
            partners.Get(uid) is null ? ControlReplies.NoPartner(uid) : Results.Ok(store.SessionsOf(uid).Select(SessionView).ToList()))
            .Produces<List<ConsoleSessionView>>();
        app.MapPost("/_emulator/console/sessions/{id}/expire", (string id, FederationStore store, VirtualClock clock) =>
            store.GetSession(id) is { } s ? Results.Ok(SessionView(store.ExpireSession(id, clock.NowFor(s.PartnerUid))!))
                : ControlReplies.NotFound("No such console session."))
            .Produces<ConsoleSessionView>();
        app.MapPost("/_emulator/partners/{uid}/console/sessions/expire", (string uid, PartnerStore partners, FederationStore store, VirtualClock clock) =>
        {
            if (partners.Get(uid) is null) return ControlReplies.NoPartner(uid);
            var now = clock.NowFor(uid);
            return Results.Ok(store.SessionsOf(uid).Select(s => SessionView(store.ExpireSession(s.Id, now)!)).ToList());
        }).Produces<List<ConsoleSessionView>>();

        app.MapGet("/_emulator/customers/{customerUid}/icp-draft", (string customerUid, IcpDraftStore drafts) =>
            drafts.Get(customerUid) is { } d
                ? Results.Ok(new IcpDraftView(d.Id, d.PartnerUid, d.Status, d.FilingId, d.CurrentStep, d.Fields, Iso.Format(d.UpdatedAt)))
                : ControlReplies.NotFound($"Customer {customerUid} has no ICP draft."))
            .Produces<IcpDraftView>();
    }

    private static SigninTokenView TokenView(SigninToken t) => new(
        t.Id, t.PartnerUid, t.CustomerUid, t.StsAccessKeyId, t.TicketType, Iso.Format(t.IssuedAt), Iso.Format(t.ExpiresAt), Iso.Format(t.UsedAt));

    private static ConsoleSessionView SessionView(ConsoleSession s) =>
        new(s.Id, s.PartnerUid, s.CustomerUid, s.LoginUrl, Iso.Format(s.CreatedAt), Iso.Format(s.ExpiresAt));
}

// The control plane's views of sign-in tokens, console sessions and ICP drafts (camelCase on the wire).
public sealed record SigninTokenView(
    string SigninToken, string Partner, string CustomerUid, string StsAccessKeyId, string TicketType, string IssuedAt, string ExpiresAt, string? UsedAt);

public sealed record ConsoleSessionView(string SessionId, string Partner, string CustomerUid, string LoginUrl, string CreatedAt, string ExpiresAt);

public sealed record IcpDraftView(
    string CustomerUid, string Partner, string Status, string? FilingId, int CurrentStep, IReadOnlyDictionary<string, string> Fields, string UpdatedAt);
