using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Products.Bsn;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Products.Messages;

namespace VirtualOperator.Emulator.ControlPlane;

/// <summary>
/// What a clock move did and where the next one should stop, for the control plane and the dashboard:
/// <list type="bullet">
/// <item>"what fell due": every partner event recorded while the move's due work ran (renewals, expiries, releases,
/// metered hours that ran out of credit, ICP review steps…), read back from the partner's message store, so it is
/// exactly what the partner's MNS queue received. Events a concurrent signed call records in the same moment are
/// listed too (they happened during the move).</item>
/// <item>"the next due event": the earliest step the virtual-clock work (<see cref="IDueWork"/>) has scheduled for a
/// partner, read from the stores that schedule it (subscriptions, the pay-as-you-go meter, ICP filings). [I] RDS
/// state transitions that finish after wall-clock seconds are not scheduled work and are not counted.</item>
/// </list>
/// The schedules are read here, not asked of <see cref="IDueWork"/>, so the products' due work stays as it is;
/// a product that adds scheduled work adds its source to <see cref="NextDueFor"/>.
/// </summary>
public sealed class ClockMoves(
    MessageStore messages, PartnerStore partners, SalesStore sales, MeterStore meter, IcpFilings filings, VirtualClock clock)
{
    /// <summary>Each partner's event count before a move (one partner, or every partner for a global move).</summary>
    public IReadOnlyDictionary<string, long> Mark(string? partnerUid) =>
        (partnerUid is null ? partners.All().Select(p => p.Uid) : [partnerUid]).ToDictionary(u => u, messages.CountFor, StringComparer.Ordinal);

    /// <summary>The events recorded since <paramref name="mark"/>, oldest first.</summary>
    public List<FellDueEvent> Since(IReadOnlyDictionary<string, long> mark)
    {
        var fell = new List<FellDueEvent>();
        foreach (var (uid, before) in mark)
        {
            var added = messages.CountFor(uid) - before;
            if (added <= 0) continue;
            fell.AddRange(messages.ListFor(uid).OrderByDescending(m => m.Sequence).Take((int)Math.Min(added, MaxListed)).Reverse()
                .Select(m => new FellDueEvent(uid, Iso.Format(DateTimeOffset.FromUnixTimeMilliseconds(m.EnqueueTime)), m.EventType, m.Id, m.MessageBody)));
        }
        return fell.OrderBy(e => e.Time, StringComparer.Ordinal).ThenBy(e => e.Partner, StringComparer.Ordinal).Take(MaxListed).ToList();
    }

    /// <summary>[I] At most this many events are listed per move (a year of hourly metering records thousands); the queue has them all.</summary>
    public const int MaxListed = 500;

    /// <summary>The earliest scheduled step of one partner, or null when nothing is scheduled.</summary>
    public DateTimeOffset? NextDueFor(string partnerUid)
    {
        var never = DateTime.MaxValue.AddTicks(-1);
        var candidates = new List<DateTime>();
        candidates.AddRange(sales.DueBy(partnerUid, never).Select(i => Wire.Utc(i.NextDueAt)));
        candidates.AddRange(meter.DueBy(partnerUid, never).Select(r => Wire.Utc(r.NextDueAt)));
        candidates.AddRange(filings.OfPartner(partnerUid).Select(f => f.NextDueAt).OfType<DateTime>());
        return candidates.Count == 0 ? null : new DateTimeOffset(DateTime.SpecifyKind(candidates.Min(), DateTimeKind.Utc));
    }

    /// <summary>How far the partner's clock (or, for null, the global clock) must move to reach the next scheduled step of
    /// that partner (of any partner), exactly: null when nothing is scheduled; zero when a step is due already.</summary>
    public TimeSpan? UntilNextDue(string? partnerUid)
    {
        TimeSpan? best = null;
        foreach (var uid in partnerUid is null ? partners.All().Select(p => p.Uid) : [partnerUid])
        {
            if (NextDueFor(uid) is not { } at) continue;
            var wait = at - clock.NowFor(uid);
            if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
            if (best is null || wait < best) best = wait;
        }
        return best;
    }

    /// <summary>A wait as a move: whole seconds, rounded up, so the move lands on or just after the step, never just before it.</summary>
    public static TimeSpan WholeSeconds(TimeSpan wait) => TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds));
}

/// <summary>One event a clock move made fall due: the partner's message as its queue has it.</summary>
public sealed record FellDueEvent(string Partner, string Time, string EventType, string MessageId, string MessageBody);
