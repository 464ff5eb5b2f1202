using System.Collections.Concurrent;
using System.Security.Cryptography;
using LiteDB;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Products.Federation;
using VirtualOperator.Emulator.Products.Messages;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Bsn;

/// <summary>
/// The filing lifecycle behind the console wizard: submitted → under review (after the first check) → approved (the
/// number becomes filed with a beianNum) or rejected (the number is bound again, the draft editable). The review runs
/// on the partner's virtual clock and ends in approval unless decided earlier from the control plane [I]. Every step
/// records its partner event. Runs under the partner's lock of <see cref="ServiceNumbers"/>, so a number and its filing
/// change together.
/// </summary>
public sealed class IcpFilings : IDueWork, IStateReset
{
    private readonly EmulatorDatabase _db;
    private readonly ServiceNumbers _numbers;
    private readonly IcpDraftStore _drafts;
    private readonly PartnerEvents _events;
    private readonly VirtualClock _clock;
    private readonly IOptions<BsnOptions> _options;
    // Earliest open step per partner, so the check that runs before every call needs no query; rebuilt from the store when missing.
    private readonly ConcurrentDictionary<string, DateTime> _nextDue = new(StringComparer.Ordinal);

    public IcpFilings(EmulatorDatabase db, ServiceNumbers numbers, IcpDraftStore drafts, PartnerEvents events, VirtualClock clock, IOptions<BsnOptions> options)
    {
        _db = db;
        _numbers = numbers;
        _drafts = drafts;
        _events = events;
        _clock = clock;
        _options = options;
        Filings.EnsureIndex(f => f.PartnerUid);
        Filings.EnsureIndex(f => f.CustomerUid);
    }

    private ILiteCollection<IcpFiling> Filings => _db.Collection<IcpFiling>("icp_filings");

    public IcpFiling? Get(string partnerUid, string id) => Filings.FindById(id) is { } f && f.PartnerUid == partnerUid ? f : null;

    public IReadOnlyList<IcpFiling> OfPartner(string partnerUid) =>
        Filings.Find(f => f.PartnerUid == partnerUid).OrderBy(f => f.SubmittedAt).ThenBy(f => f.Id).ToList();

    /// <summary>Submits the draft with the service number; throws the Bsn error that refuses the number.</summary>
    public IcpFiling Submit(IcpDraft draft, string sn, DateTimeOffset now) => _numbers.PartnerLocks.Run(draft.PartnerUid, () =>
    {
        var o = _options.Value;
        var id = "ICP" + string.Concat(Enumerable.Range(0, 12).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
        _numbers.UseForFiling(draft.PartnerUid, draft.Id, sn, id);
        var f = new IcpFiling
        {
            Id = id, PartnerUid = draft.PartnerUid, CustomerUid = draft.Id, Sn = sn, Fields = new(draft.Fields, StringComparer.Ordinal),
            Status = IcpFilingStatus.Submitted, SubmittedAt = now.UtcDateTime,
            ReviewStartsAt = now.UtcDateTime.AddHours(o.FirstCheckHours), ReviewEndsAt = now.UtcDateTime.AddDays(o.ReviewDays),
        };
        Filings.Insert(f);
        draft.Status = IcpDraftStatuses.Submitted;
        draft.SubmittedAt = now.UtcDateTime;
        draft.UpdatedAt = now.UtcDateTime;
        draft.FilingId = id;
        _drafts.Save(draft);
        Due(f);
        Record(PartnerEventTypes.IcpFilingSubmitted, f, now.UtcDateTime);
        return f;
    });

    public enum Decision { Done, NotFound, AlreadyDecided }

    public (Decision Result, IcpFiling? Filing) Approve(string partnerUid, string id, string? beianNum, DateTimeOffset now) =>
        Decide(partnerUid, id, f => Approve(f, beianNum, now.UtcDateTime, "control-plane"));

    public (Decision Result, IcpFiling? Filing) Reject(string partnerUid, string id, string? reason, DateTimeOffset now) =>
        Decide(partnerUid, id, f => Reject(f, reason, now.UtcDateTime));

    private (Decision, IcpFiling?) Decide(string partnerUid, string id, Action<IcpFiling> decide) => _numbers.PartnerLocks.Run(partnerUid, () =>
    {
        var f = Get(partnerUid, id);
        if (f is null) return (Decision.NotFound, (IcpFiling?)null);
        if (!f.IsOpen) return (Decision.AlreadyDecided, f);
        decide(f);
        return (Decision.Done, f);
    });

    private void Approve(IcpFiling f, string? beianNum, DateTime at, string by)
    {
        f.Status = IcpFilingStatus.Approved;
        f.BeianNum = string.IsNullOrWhiteSpace(beianNum) ? NewBeianNum() : beianNum.Trim();
        f.DecidedAt = at;
        f.DecidedBy = by;
        Filings.Update(f);
        _numbers.SettleFiling(f.PartnerUid, f.Sn, f.BeianNum);
        SetDraft(f, IcpDraftStatuses.Approved, at);
        Record(PartnerEventTypes.IcpFilingApproved, f, at);
    }

    private void Reject(IcpFiling f, string? reason, DateTime at)
    {
        f.Status = IcpFilingStatus.Rejected;
        f.RejectReason = string.IsNullOrWhiteSpace(reason) ? "The filing information is incomplete or inconsistent." : reason.Trim();
        f.DecidedAt = at;
        f.DecidedBy = "control-plane";
        Filings.Update(f);
        _numbers.SettleFiling(f.PartnerUid, f.Sn, null);
        SetDraft(f, IcpDraftStatuses.Rejected, at);
        Record(PartnerEventTypes.IcpFilingRejected, f, at);
    }

    /// <summary>The draft follows its latest filing only (an older filing's decision does not touch a newer submission).</summary>
    private void SetDraft(IcpFiling f, string status, DateTime at)
    {
        if (_drafts.Get(f.CustomerUid) is not { } d || d.FilingId != f.Id) return;
        d.Status = status;
        d.UpdatedAt = at;
        _drafts.Save(d);
    }

    /// <summary>[I] The format of a mainland ICP number; the province prefix is fixed ("京").</summary>
    private static string NewBeianNum() =>
        "京ICP备" + string.Concat(Enumerable.Range(0, 8).Select(i => (char)((i == 0 ? '1' : '0') + RandomNumberGenerator.GetInt32(i == 0 ? 9 : 10)))) + "号";

    public void RunDue(string partnerUid, DateTimeOffset now)
    {
        var until = now.UtcDateTime;
        if (!_nextDue.TryGetValue(partnerUid, out var next)) next = _nextDue[partnerUid] = EarliestDue(partnerUid);
        if (next > until) return;
        _numbers.PartnerLocks.Run(partnerUid, () =>
        {
            // Each filing's steps at their own virtual times, earliest first (ties by id), as they would have happened.
            while (Filings.Find(f => f.PartnerUid == partnerUid).Where(f => f.NextDueAt <= until)
                       .OrderBy(f => f.NextDueAt).ThenBy(f => f.Id).FirstOrDefault() is { } f)
            {
                var at = f.NextDueAt!.Value;
                if (f.Status == IcpFilingStatus.Submitted)
                {
                    f.Status = IcpFilingStatus.UnderReview;
                    Filings.Update(f);
                    Record(PartnerEventTypes.IcpFilingUnderReview, f, at);
                }
                else Approve(f, null, at, "review-period");
                _clock.RecordApplied(partnerUid, new DateTimeOffset(at, TimeSpan.Zero));
            }
            _nextDue[partnerUid] = EarliestDue(partnerUid);
        });
    }

    private DateTime EarliestDue(string partnerUid) =>
        Filings.Find(f => f.PartnerUid == partnerUid).Select(f => f.NextDueAt ?? DateTime.MaxValue).DefaultIfEmpty(DateTime.MaxValue).Min();

    private void Due(IcpFiling f) =>
        _nextDue.AddOrUpdate(f.PartnerUid, _ => EarliestDue(f.PartnerUid), (_, old) => f.NextDueAt is { } at && at < old ? at : old);

    public void OnReset(string? partnerUid)
    {
        if (partnerUid is null) _nextDue.Clear();
        else _nextDue.TryRemove(partnerUid, out _);
    }

    private void Record(string type, IcpFiling f, DateTime at) =>
        _events.Record(f.PartnerUid, type, new
        {
            FilingId = f.Id, f.CustomerUid, f.Sn, Domain = f.Fields.GetValueOrDefault("Domain"), Status = f.Status.ToString(),
            f.BeianNum, Reason = f.RejectReason,
        }, new DateTimeOffset(at, TimeSpan.Zero));
}
