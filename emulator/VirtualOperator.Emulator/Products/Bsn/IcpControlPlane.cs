using Microsoft.AspNetCore.Http.HttpResults;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.ControlPlane;
using VirtualOperator.Emulator.Partners;

namespace VirtualOperator.Emulator.Products.Bsn;

/// <summary>
/// QA's side of ICP filing (docs/icp-filing.md): list a partner's service numbers and filings, and decide a filing
/// now instead of waiting for the review period.
/// </summary>
public static class IcpControlPlane
{
    public static void MapIcpControlPlane(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/_emulator/partners/{uid}");
        partner.MapGet("/bsn/numbers", Results<Ok<List<BsnNumberView>>, NotFound<IcpControlError>> (string uid, PartnerStore partners, ServiceNumbers numbers, DueWorkRunner due) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            due.RunFor(uid);
            return TypedResults.Ok(numbers.OfPartner(uid).Select(n => BsnNumberView.Of(n, numbers.StatusOf(n))).ToList());
        });
        partner.MapGet("/icp/filings", Results<Ok<List<IcpFilingView>>, NotFound<IcpControlError>> (string uid, PartnerStore partners, IcpFilings filings, DueWorkRunner due) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            due.RunFor(uid);
            return TypedResults.Ok(filings.OfPartner(uid).Select(IcpFilingView.Of).ToList());
        });
        partner.MapGet("/icp/filings/{id}", Results<Ok<IcpFilingView>, NotFound<IcpControlError>> (string uid, string id, PartnerStore partners, IcpFilings filings, DueWorkRunner due) =>
        {
            if (partners.Get(uid) is null) return NoPartner(uid);
            due.RunFor(uid);
            return filings.Get(uid, id) is { } f ? TypedResults.Ok(IcpFilingView.Of(f)) : NoFiling(uid, id);
        });
        partner.MapPost("/icp/filings/{id}/approve", (string uid, string id, IcpApproveRequest? body, PartnerStore partners, IcpFilings filings, VirtualClock clock, DueWorkRunner due) =>
            Decide(uid, id, partners, due, () => filings.Approve(uid, id, body?.BeianNum, clock.NowFor(uid))));
        partner.MapPost("/icp/filings/{id}/reject", (string uid, string id, IcpRejectRequest? body, PartnerStore partners, IcpFilings filings, VirtualClock clock, DueWorkRunner due) =>
            Decide(uid, id, partners, due, () => filings.Reject(uid, id, body?.Reason, clock.NowFor(uid))));
    }

    private static Results<Ok<IcpFilingView>, NotFound<IcpControlError>, Conflict<IcpControlError>> Decide(
        string uid, string id, PartnerStore partners, DueWorkRunner due, Func<(IcpFilings.Decision, IcpFiling?)> decide)
    {
        if (partners.Get(uid) is null) return NoPartner(uid);
        due.RunFor(uid); // a review period that ended already has decided it
        var (result, f) = decide();
        return result switch
        {
            IcpFilings.Decision.Done => TypedResults.Ok(IcpFilingView.Of(f!)),
            IcpFilings.Decision.AlreadyDecided => TypedResults.Conflict(new IcpControlError($"Filing {id} was {f!.Status.ToString().ToLowerInvariant()} already.")),
            _ => NoFiling(uid, id),
        };
    }

    private static NotFound<IcpControlError> NoPartner(string uid) => TypedResults.NotFound(new IcpControlError($"No partner with uid {uid}."));

    private static NotFound<IcpControlError> NoFiling(string uid, string id) => TypedResults.NotFound(new IcpControlError($"Partner {uid} has no ICP filing {id}."));
}

/// <summary>Approve a filing; without <c>beianNum</c> one is made up (京ICP备NNNNNNNN号).</summary>
public sealed record IcpApproveRequest(string? BeianNum);

/// <summary>Reject a filing with the reason the customer sees in the wizard.</summary>
public sealed record IcpRejectRequest(string? Reason);

public sealed record IcpControlError(string Error);

public sealed record IcpFilingView(
    string FilingId, string Partner, string CustomerUid, string Sn, string Status, IReadOnlyDictionary<string, string> Fields,
    string SubmittedAt, string ReviewStartsAt, string ReviewEndsAt, string? DecidedAt, string? DecidedBy, string? RejectReason, string? BeianNum)
{
    public static IcpFilingView Of(IcpFiling f) => new(
        f.Id, f.PartnerUid, f.CustomerUid, f.Sn, f.Status.ToString(), f.Fields, Iso.Format(f.SubmittedAt), Iso.Format(f.ReviewStartsAt),
        Iso.Format(f.ReviewEndsAt), Iso.Format(f.DecidedAt), f.DecidedBy, f.RejectReason, f.BeianNum);
}

/// <summary>A service number as QA sees it; <c>status</c> is the wire's number (0-4), <c>statusName</c> says it in words.</summary>
public sealed record BsnNumberView(
    string Sn, string Partner, string HolderUid, string OwnerUid, string ResourceId, int ResourceType, int Status, string StatusName,
    string BeianNum, string? FilingId, string CreatedAt, string? GrantedAt)
{
    public static BsnNumberView Of(ServiceNumber n, BsnStatus status) => new(
        n.Id, n.PartnerUid, n.HolderUid, n.OwnerUid, n.ResourceId, n.ResourceType, (int)status, status.ToString(), n.BeianNum ?? "", n.FilingId,
        Iso.Format(n.CreatedAt), Iso.Format(n.GrantedAt));
}
