using System.Reflection;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Pipeline;

namespace VirtualOperator.Emulator.ControlPlane;

/// <summary>
/// <c>/_emulator/*</c>: plain JSON, never signed, the contract of DESIGN.md (extend it, don't rename it).
/// Global calls act on every partner; <c>/_emulator/partners/{uid}/…</c> acts on one partner alone, so
/// parallel CI jobs sharing one emulator never disturb each other.
/// </summary>
public static class ControlPlaneApi
{
    public static readonly string Version =
        typeof(ControlPlaneApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The body of <c>GET /_emulator/health</c> (also answered ahead of routing, see <c>EmulatorReadiness</c>).</summary>
    public static object Health(VirtualClock clock) => new { status = "ok", version = Version, now = Iso.Format(clock.GetUtcNow()) };

    public static void MapControlPlane(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/_emulator");

        api.MapGet("/health", (VirtualClock clock) => Results.Ok(Health(clock)));

        // Clock: global, moving every partner together.
        api.MapGet("/clock", (VirtualClock clock) => ClockView(clock.GetUtcNow(), clock.GlobalOffset));
        api.MapPost("/clock/advance", (AdvanceBody body, VirtualClock clock, DueWorkRunner due) =>
        {
            if (body.Seconds is not { } s || s < 0 || s > MaxAdvanceSeconds) return Bad(AdvanceRange);
            clock.Advance(TimeSpan.FromSeconds(s));
            due.RunForAll();
            return ClockView(clock.GetUtcNow(), clock.GlobalOffset);
        });
        api.MapPost("/clock/set", (SetBody body, VirtualClock clock, DueWorkRunner due) =>
        {
            if (body.Now is not { } now || now >= LatestNow) return Bad(SetRange);
            try { clock.Set(now); }
            catch (ClockRefusedException e) { return Results.Json(new { error = e.Message }, statusCode: 409); }
            due.RunForAll();
            return ClockView(clock.GetUtcNow(), clock.GlobalOffset);
        });

        // Partners.
        api.MapPost("/partners", (CreatePartnerBody? body, PartnerStore partners, VirtualClock clock) =>
        {
            var p = partners.Create(body?.Name, body?.TestAccount ?? true);
            return Results.Json(View(p), statusCode: 201);
        });
        api.MapGet("/partners", (PartnerStore partners) => Results.Ok(partners.All().Select(View)));
        api.MapGet("/partners/{uid}", (string uid, PartnerStore partners) =>
            partners.Get(uid) is { } p ? Results.Ok(View(p)) : NoPartner(uid));

        // Per-partner scope.
        api.MapGet("/partners/{uid}/clock", (string uid, PartnerStore partners, VirtualClock clock) =>
            partners.Get(uid) is null ? NoPartner(uid) : ClockView(clock.NowFor(uid), clock.OffsetFor(uid)));
        api.MapPost("/partners/{uid}/clock/advance", (string uid, AdvanceBody body, PartnerStore partners, VirtualClock clock, DueWorkRunner due) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            if (body.Seconds is not { } s || s < 0 || s > MaxAdvanceSeconds) return Bad(AdvanceRange);
            clock.Advance(TimeSpan.FromSeconds(s), uid);
            due.RunFor(uid);
            return ClockView(clock.NowFor(uid), clock.OffsetFor(uid));
        });
        api.MapPost("/partners/{uid}/clock/set", (string uid, SetBody body, PartnerStore partners, VirtualClock clock, DueWorkRunner due) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            if (body.Now is not { } now || now >= LatestNow) return Bad(SetRange);
            try { clock.Set(now, uid); }
            catch (ClockRefusedException e) { return Results.Json(new { error = e.Message }, statusCode: 409); }
            due.RunFor(uid);
            return ClockView(clock.NowFor(uid), clock.OffsetFor(uid));
        });
        api.MapPost("/partners/{uid}/reset", (string uid, PartnerStore partners, EmulatorState state) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            state.ResetPartner(uid);
            return Results.Ok(new { reset = uid });
        });
        api.MapGet("/partners/{uid}/requests", (string uid, int? limit, PartnerStore partners, RequestJournal journal) =>
            partners.Get(uid) is null ? NoPartner(uid) : Results.Ok(journal.Recent(limit ?? 100, uid).Select(JournalView)));
        api.MapPost("/partners/{uid}/faults", (string uid, FaultRule rule, PartnerStore partners, FaultInjector faults) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            rule.Partner = uid;
            return AddFault(rule, faults);
        });
        api.MapGet("/partners/{uid}/faults", (string uid, FaultInjector faults) => Results.Ok(faults.List(uid)));
        api.MapDelete("/partners/{uid}/faults", (string uid, FaultInjector faults) => { faults.Clear(uid); return Results.NoContent(); });

        // Global state.
        api.MapPost("/reset", (EmulatorState state) => { state.ResetAll(); return Results.Ok(new { reset = "all" }); });
        api.MapGet("/requests", (int? limit, RequestJournal journal) => Results.Ok(journal.Recent(limit ?? 100).Select(JournalView)));
        api.MapPost("/faults", (FaultRule rule, FaultInjector faults) => AddFault(rule, faults));
        api.MapGet("/faults", (FaultInjector faults) => Results.Ok(faults.List()));
        api.MapDelete("/faults", (FaultInjector faults) => { faults.Clear(); return Results.NoContent(); });

        // Repro bundles: one partner's whole world as one file.
        Bundles.BundleApi.Map(api);

        // Coverage: every catalog action and whether a handler implements it.
        api.MapGet("/catalog", (ActionCatalog catalog, ActionRegistry registry) => Results.Ok(catalog.All.Select(a => new
        {
            product = a.Product, version = a.Version, action = a.Action, group = a.Group, style = a.Style,
            implemented = registry.IsImplemented(a), @params = a.ParamsStatus, response = a.ResponseStatus,
        })));
    }

    private static IResult AddFault(FaultRule rule, FaultInjector faults)
    {
        try { return Results.Json(faults.Add(rule), statusCode: 201); }
        catch (ArgumentException e) { return Bad(e.Message); }
    }

    private static IResult ClockView(DateTimeOffset now, TimeSpan offset) =>
        Results.Ok(new { now = Iso.Format(now), offsetSeconds = (long)Math.Round(offset.TotalSeconds) });

    public static object View(Partner p) => new
    {
        uid = p.Uid, name = p.Name, accessKeyId = p.AccessKeyId, accessKeySecret = p.AccessKeySecret, testAccount = p.TestAccount,
        createdAt = Iso.Format(p.CreatedAt), expiresAt = Iso.Format(p.ExpiresAt), messageQueue = p.MessageQueue,
    };

    private static object JournalView(JournalEntry e) => new
    {
        time = Iso.Format(e.Time), wallTime = Iso.Format(e.WallTime), partner = e.Partner, accessKeyId = e.AccessKeyId,
        product = e.Product, action = e.Action, httpStatus = e.HttpStatus, code = e.Code, requestId = e.RequestId,
        injected = e.Injected, stringToSign = e.StringToSign,
    };

    /// <summary>
    /// [I] Bounds that keep every derived time representable (a subscription end, a test account's month, a
    /// release after the grace period): one move of at most 100 years, and no virtual time from the year 9000 on.
    /// </summary>
    private const double MaxAdvanceSeconds = 100 * 366 * 86400d;
    private static readonly DateTimeOffset LatestNow = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string AdvanceRange = "\"seconds\" must be a number of seconds from 0 to 100 years.";
    private const string SetRange = "\"now\" must be an ISO-8601 time before the year 9000.";

    private static IResult Bad(string message) => Results.Json(new { error = message }, statusCode: 400);
    private static IResult NoPartner(string uid) => Results.Json(new { error = $"No partner with uid {uid}." }, statusCode: 404);

    public sealed record AdvanceBody(double? Seconds);
    public sealed record SetBody(DateTimeOffset? Now);
    public sealed record CreatePartnerBody(string? Name, bool? TestAccount);
}
