using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
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
    public static HealthView Health(VirtualClock clock) => new("ok", Version, Iso.Format(clock.GetUtcNow()));

    // Every route answers a typed result (TypedResults), so the OpenAPI document (/_emulator/openapi.json) describes
    // its request and response bodies; errors are ControlError {"error"} with a 4xx.
    public static void MapControlPlane(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/_emulator");

        api.MapGet("/health", (VirtualClock clock) => TypedResults.Ok(Health(clock)));
        api.MapRouteListing();

        // Clock: global, moving every partner together.
        api.MapGet("/clock", (VirtualClock clock) => ClockView(clock.GetUtcNow(), clock.GlobalOffset));
        api.MapPost("/clock/advance", Results<Ok<ClockMoved>, BadRequest<ControlError>> (AdvanceBody body, VirtualClock clock, DueWorkRunner due, ClockMoves moves) =>
        {
            if (body.Seconds is not { } s || s < 0 || s > MaxAdvanceSeconds) return Bad(AdvanceRange);
            var mark = moves.Mark(null);
            try { clock.Advance(TimeSpan.FromSeconds(s)); }
            catch (ClockRangeException e) { return Bad(e.Message); }
            due.RunForAll();
            return Moved(clock.GetUtcNow(), clock.GlobalOffset, moves.Since(mark));
        });
        api.MapPost("/clock/set", Results<Ok<ClockMoved>, BadRequest<ControlError>, Conflict<ControlError>> (SetBody body, VirtualClock clock, DueWorkRunner due, ClockMoves moves) =>
        {
            if (body.Now is not { } now || now >= LatestNow) return Bad(SetRange);
            var mark = moves.Mark(null);
            try { clock.Set(now); }
            catch (ClockRefusedException e) { return TypedResults.Conflict(new ControlError(e.Message)); }
            catch (ClockRangeException e) { return Bad(e.Message); }
            due.RunForAll();
            return Moved(clock.GetUtcNow(), clock.GlobalOffset, moves.Since(mark));
        });
        // The next scheduled step of any partner, and a move of the global clock exactly there.
        api.MapGet("/clock/next-due", (VirtualClock clock, ClockMoves moves) => NextDue(clock.GetUtcNow(), moves.UntilNextDue(null)));
        api.MapPost("/clock/advance-to-next-due", Results<Ok<ClockMoved>, BadRequest<ControlError>, Conflict<ControlError>> (
            VirtualClock clock, DueWorkRunner due, ClockMoves moves) =>
        {
            if (moves.UntilNextDue(null) is not { } wait) return TypedResults.Conflict(new ControlError(NothingScheduled));
            var mark = moves.Mark(null);
            try { clock.Advance(ClockMoves.WholeSeconds(wait)); }
            catch (ClockRangeException e) { return Bad(e.Message); }
            due.RunForAll();
            return Moved(clock.GetUtcNow(), clock.GlobalOffset, moves.Since(mark));
        });

        // Partners.
        api.MapPost("/partners", (CreatePartnerBody? body, PartnerStore partners) =>
        {
            var p = partners.Create(body?.Name, body?.TestAccount ?? true);
            return TypedResults.Created($"/_emulator/partners/{p.Uid}", View(p));
        });
        api.MapGet("/partners", (PartnerStore partners) => TypedResults.Ok(partners.All().Select(View).ToList()));
        api.MapGet("/partners/{uid}", Results<Ok<PartnerView>, NotFound<ControlError>> (string uid, PartnerStore partners) =>
            partners.Get(uid) is { } p ? TypedResults.Ok(View(p)) : NoPartner(uid));

        // Per-partner scope.
        api.MapGet("/partners/{uid}/clock", Results<Ok<ClockReading>, NotFound<ControlError>> (string uid, PartnerStore partners, VirtualClock clock) =>
            partners.Get(uid) is null ? NoPartner(uid) : ClockView(clock.NowFor(uid), clock.OffsetFor(uid)));
        api.MapPost("/partners/{uid}/clock/advance", Results<Ok<ClockMoved>, BadRequest<ControlError>, NotFound<ControlError>> (
            string uid, AdvanceBody body, PartnerStore partners, VirtualClock clock, DueWorkRunner due, ClockMoves moves) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            if (body.Seconds is not { } s || s < 0 || s > MaxAdvanceSeconds) return Bad(AdvanceRange);
            var mark = moves.Mark(uid);
            try { clock.Advance(TimeSpan.FromSeconds(s), uid); }
            catch (ClockRangeException e) { return Bad(e.Message); }
            due.RunFor(uid);
            return Moved(clock.NowFor(uid), clock.OffsetFor(uid), moves.Since(mark));
        });
        api.MapPost("/partners/{uid}/clock/set", Results<Ok<ClockMoved>, BadRequest<ControlError>, NotFound<ControlError>, Conflict<ControlError>> (
            string uid, SetBody body, PartnerStore partners, VirtualClock clock, DueWorkRunner due, ClockMoves moves) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            if (body.Now is not { } now || now >= LatestNow) return Bad(SetRange);
            var mark = moves.Mark(uid);
            try { clock.Set(now, uid); }
            catch (ClockRefusedException e) { return TypedResults.Conflict(new ControlError(e.Message)); }
            catch (ClockRangeException e) { return Bad(e.Message); }
            due.RunFor(uid);
            return Moved(clock.NowFor(uid), clock.OffsetFor(uid), moves.Since(mark));
        });
        api.MapGet("/partners/{uid}/clock/next-due", Results<Ok<NextDueReading>, NotFound<ControlError>> (
            string uid, PartnerStore partners, VirtualClock clock, ClockMoves moves) =>
            partners.Get(uid) is null ? NoPartner(uid) : NextDue(clock.NowFor(uid), moves.UntilNextDue(uid)));
        api.MapPost("/partners/{uid}/clock/advance-to-next-due", Results<Ok<ClockMoved>, BadRequest<ControlError>, NotFound<ControlError>, Conflict<ControlError>> (
            string uid, PartnerStore partners, VirtualClock clock, DueWorkRunner due, ClockMoves moves) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            if (moves.UntilNextDue(uid) is not { } wait) return TypedResults.Conflict(new ControlError(NothingScheduled));
            var mark = moves.Mark(uid);
            try { clock.Advance(ClockMoves.WholeSeconds(wait), uid); }
            catch (ClockRangeException e) { return Bad(e.Message); }
            due.RunFor(uid);
            return Moved(clock.NowFor(uid), clock.OffsetFor(uid), moves.Since(mark));
        });
        api.MapPost("/partners/{uid}/reset", Results<Ok<ResetDone>, NotFound<ControlError>> (string uid, PartnerStore partners, EmulatorState state) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            state.ResetPartner(uid);
            return TypedResults.Ok(new ResetDone(uid));
        });
        api.MapGet("/partners/{uid}/requests", Results<Ok<List<JournalCall>>, NotFound<ControlError>> (string uid, int? limit, PartnerStore partners, RequestJournal journal) =>
            partners.Get(uid) is null ? NoPartner(uid) : TypedResults.Ok(journal.Recent(limit ?? 100, uid).Select(JournalView).ToList()));
        api.MapPost("/partners/{uid}/faults", Results<Created<FaultRule>, BadRequest<ControlError>, NotFound<ControlError>> (
            string uid, FaultRule rule, PartnerStore partners, FaultInjector faults) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            rule.Partner = uid;
            return AddFault(rule, faults);
        });
        api.MapGet("/partners/{uid}/faults", (string uid, FaultInjector faults) => TypedResults.Ok(faults.List(uid).ToList()));
        api.MapDelete("/partners/{uid}/faults", (string uid, FaultInjector faults) => { faults.Clear(uid); return TypedResults.NoContent(); });

        // Global state.
        api.MapPost("/reset", (EmulatorState state) => { state.ResetAll(); return TypedResults.Ok(new ResetDone("all")); });
        api.MapGet("/requests", (int? limit, RequestJournal journal) => TypedResults.Ok(journal.Recent(limit ?? 100).Select(JournalView).ToList()));
        api.MapPost("/faults", (FaultRule rule, FaultInjector faults) => AddFault(rule, faults));
        api.MapGet("/faults", (FaultInjector faults) => TypedResults.Ok(faults.List().ToList()));
        api.MapDelete("/faults", (FaultInjector faults) => { faults.Clear(); return TypedResults.NoContent(); });

        // Repro bundles: one partner's whole world as one file.
        Bundles.BundleApi.Map(api);

        // The dashboard (/_emulator/ui) and the reads it needs.
        Dashboard.DashboardApi.Map(api);

        // Coverage: every catalog action and whether a handler implements it.
        api.MapGet("/catalog", (ActionCatalog catalog, ActionRegistry registry) => TypedResults.Ok(catalog.All.Select(a => new CatalogEntry(
            a.Product, a.Version, a.Action, a.Group, a.Style, registry.IsImplemented(a), a.ParamsStatus, a.ResponseStatus)).ToList()));
    }

    private static Results<Created<FaultRule>, BadRequest<ControlError>, NotFound<ControlError>> AddFault(FaultRule rule, FaultInjector faults)
    {
        try { return TypedResults.Created($"/_emulator/faults/{rule.Id}", faults.Add(rule)); }
        catch (ArgumentException e) { return Bad(e.Message); }
    }

    private static Ok<ClockReading> ClockView(DateTimeOffset now, TimeSpan offset) =>
        TypedResults.Ok(new ClockReading(Iso.Format(now), (long)Math.Round(offset.TotalSeconds)));

    private static Ok<ClockMoved> Moved(DateTimeOffset now, TimeSpan offset, List<FellDueEvent> fellDue) =>
        TypedResults.Ok(new ClockMoved(Iso.Format(now), (long)Math.Round(offset.TotalSeconds), fellDue));

    private static Ok<NextDueReading> NextDue(DateTimeOffset now, TimeSpan? wait) =>
        TypedResults.Ok(wait is { } w ? new NextDueReading(Iso.Format(now), Iso.Format(now + w), (long)ClockMoves.WholeSeconds(w).TotalSeconds) : new NextDueReading(Iso.Format(now), null, null));

    private const string NothingScheduled = "Nothing is scheduled on the virtual clock (no subscription, metered resource or ICP filing step ahead).";

    public static PartnerView View(Partner p) => new(
        p.Uid, p.Name, p.AccessKeyId, p.AccessKeySecret, p.TestAccount, Iso.Format(p.CreatedAt), Iso.Format(p.ExpiresAt), p.MessageQueue);

    private static JournalCall JournalView(JournalEntry e) => new(
        Iso.Format(e.Time), Iso.Format(e.WallTime), e.Partner, e.AccessKeyId, e.Product, e.Action, e.HttpStatus, e.Code, e.RequestId,
        e.Injected, e.StringToSign, e.Version, e.Parameters?.ToList());

    /// <summary>
    /// [I] Bounds that keep every derived time representable (a subscription end, a test account's month, a
    /// release after the grace period): one move of at most 100 years, and no virtual time from the year 9000 on.
    /// </summary>
    private const double MaxAdvanceSeconds = 100 * 366 * 86400d;
    private static readonly DateTimeOffset LatestNow = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string AdvanceRange = "\"seconds\" must be a number of seconds from 0 to 100 years.";
    private const string SetRange = "\"now\" must be an ISO-8601 time before the year 9000.";

    private static BadRequest<ControlError> Bad(string message) => TypedResults.BadRequest(new ControlError(message));
    private static NotFound<ControlError> NoPartner(string uid) => TypedResults.NotFound(new ControlError($"No partner with uid {uid}."));

    public sealed record AdvanceBody(double? Seconds);
    public sealed record SetBody(DateTimeOffset? Now);
    public sealed record CreatePartnerBody(string? Name, bool? TestAccount);
}
