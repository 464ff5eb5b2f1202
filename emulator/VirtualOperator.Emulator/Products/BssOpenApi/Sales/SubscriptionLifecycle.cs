using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Products.Messages;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>Prices the automatic renewal of one kind of instance (generic here; ECS and RDS add theirs).</summary>
public interface IRenewalPricing
{
    string Kind { get; }
    /// <summary>The renewal order for <paramref name="months"/> more, or null when this instance cannot renew automatically.</summary>
    Order? RenewalOrder(SalesInstance instance, int months);
}

/// <summary>
/// What a product does when <see cref="SubscriptionLifecycle"/> releases one of its instances (15 days after expiry): called
/// in the same step, under the customer's lock and in the same unit of work, so whatever goes with the instance (RDS: its
/// read-only instances) goes at the same virtual time. The lifecycle writes the instance's own sales record itself.
/// </summary>
public interface IReleaseFollower
{
    string Kind { get; }
    void Released(SalesInstance instance, DateTime at);
}

/// <summary>
/// The subscription lifecycle on the virtual clock, for every instance kind. Durations [I] (no source gives them):
/// <list type="bullet">
/// <item>"expiring soon" notice <see cref="NoticeBefore"/> (7 days) before the end time;</item>
/// <item>at the end time: AutoRenewal renews for the renewal duration when the credit covers it (a paid renewal
/// order); otherwise an unpaid renewal order is left for AutoRenewal, and the instance expires and is stopped;</item>
/// <item><see cref="ReleaseAfter"/> (15 days) after the end time an expired instance is released and its unpaid
/// orders are cancelled. Resource packages expire and are never released.</item>
/// </list>
/// Steps of one partner are applied one at a time in time order (earliest first, across all its instances), each at
/// its own virtual time, so advancing a year applies every renewal, expiry and release as it would have happened.
/// </summary>
public sealed class SubscriptionLifecycle(
    SalesStore store, OrderDesk desk, SalesEvents events, VirtualClock clock, IEnumerable<IRenewalPricing> pricings,
    IEnumerable<IReleaseFollower> followers) : IDueWork
{
    public static readonly TimeSpan NoticeBefore = TimeSpan.FromDays(7);
    public static readonly TimeSpan ReleaseAfter = TimeSpan.FromDays(15);

    private readonly KeyedLocks _partnerLocks = new(LockLevel.Partner, "subscription lifecycle");
    private readonly Dictionary<string, IRenewalPricing> _pricing = pricings.ToDictionary(p => p.Kind);
    private readonly ILookup<string, IReleaseFollower> _followers = followers.ToLookup(f => f.Kind);

    public void RunDue(string partnerUid, DateTimeOffset now)
    {
        // This runs before every call of every product: most find nothing due, known without the lock or a query.
        if (store.NothingDueBy(partnerUid, now.UtcDateTime)) return;
        ApplyDue(partnerUid, now);
    }

    private void ApplyDue(string partnerUid, DateTimeOffset now) => _partnerLocks.Run(partnerUid, () =>
    {
        var until = now.UtcDateTime;
        // Earliest step first across all the partner's instances; ties by instance id, so the order is reproducible.
        var queue = new PriorityQueue<(string Id, string Customer), (DateTime At, string Id)>();
        foreach (var due in store.DueBy(partnerUid, until)) queue.Enqueue((due.Id, due.CustomerUid), (Wire.Utc(due.NextDueAt), due.Id));
        while (queue.TryDequeue(out var item, out var key))
        {
            var next = desk.UnderCustomerLock(item.Customer, () =>
            {
                // Re-read under the lock: a call may have renewed or changed it since it was queued.
                var current = store.Instance(item.Id);
                if (current is null) return (DateTime?)null;
                if (Wire.Utc(current.NextDueAt) == key.At)
                {
                    Apply(current, new DateTimeOffset(key.At, TimeSpan.Zero));
                    clock.RecordApplied(partnerUid, new DateTimeOffset(key.At, TimeSpan.Zero));
                }
                return Wire.Utc(current.NextDueAt);
            });
            // A step that did not move the instance on would come back forever: only a later step is queued again.
            if (next is { } at && at <= until && at != key.At) queue.Enqueue(item, (at, item.Id));
        }
    });

    private void Apply(SalesInstance i, DateTimeOffset at)
    {
        var end = i.EndTime!.Value;
        if (i.Status == InstanceStatuses.Normal && at.UtcDateTime < end)
        {
            events.Record(PartnerEventTypes.InstanceExpiringSoon, i, at.UtcDateTime, detail: "EndTime " + Wire.Time(end));
            i.NoticeSentForEnd = end;
        }
        else if (i.Status == InstanceStatuses.Normal)
        {
            if (!(i.RenewStatus == RenewStatuses.Auto && TryAutoRenew(i, at))) Expire(i);
        }
        else if (i.Status == InstanceStatuses.Expired)
        {
            Release(i, at);
        }
        Schedule(i);
        store.Update(i);
    }

    private bool TryAutoRenew(SalesInstance i, DateTimeOffset at)
    {
        var months = i.RenewalMonths;
        if (!_pricing.TryGetValue(i.Kind, out var pricing) || pricing.RenewalOrder(i, months) is not { } order) return false;
        order.UsageStartTime = i.EndTime;
        order.UsageEndTime = i.EndTime!.Value.AddMonths(months);
        order.Operator = "system";
        if (desk.TrySettle(i.PartnerUid, i.CustomerUid, order, at, out var refusal))
        {
            Extend(i, months, at.UtcDateTime);
            return true;
        }
        desk.WriteUnpaid(i.PartnerUid, i.CustomerUid, order, at, refusal!.Code + ": " + refusal.Message);
        return false;
    }

    private void Expire(SalesInstance i)
    {
        i.Status = InstanceStatuses.Expired;
        if (i.Kind == InstanceKinds.ResourcePackage)
        {
            i.SubStatus = InstanceStatuses.Expired;
        }
        else
        {
            i.SubStatus = InstanceStatuses.Stopped;
            i.StopTime = i.EndTime;
            i.ExpectedReleaseTime = i.EndTime!.Value + ReleaseAfter;
        }
        events.Record(PartnerEventTypes.InstanceExpired, i, i.EndTime!.Value);
    }

    private void Release(SalesInstance i, DateTimeOffset at)
    {
        i.Status = InstanceStatuses.Released;
        i.SubStatus = InstanceStatuses.Released;
        i.ReleaseTime = at.UtcDateTime;
        foreach (var o in store.OrdersOfInstance(i.Id).Where(o => o.PaymentStatus == PaymentStatuses.Unpaid)) desk.Cancel(o, at);
        events.Record(PartnerEventTypes.InstanceReleased, i, at.UtcDateTime);
        foreach (var f in _followers[i.Kind]) f.Released(i, at.UtcDateTime);
    }

    /// <summary>Adds a paid term; an expired (stopped, not released) instance whose new end is ahead runs again.</summary>
    public static void Extend(SalesInstance i, int months, DateTime now)
    {
        i.EndTime = i.EndTime!.Value.AddMonths(months);
        if (i.Status == InstanceStatuses.Expired && i.EndTime > now)
        {
            i.Status = InstanceStatuses.Normal;
            i.SubStatus = InstanceStatuses.Normal;
            i.StopTime = null;
            i.ExpectedReleaseTime = null;
        }
        Schedule(i);
    }

    /// <summary>Sets <see cref="SalesInstance.NextDueAt"/> from the instance's state: call after every change.</summary>
    public static void Schedule(SalesInstance i)
    {
        i.NextDueAt = NextStep(i);
        i.SetDue(i.NextDueAt);
    }

    private static DateTime NextStep(SalesInstance i)
    {
        return i switch
        {
            { Status: InstanceStatuses.Released } or { EndTime: null } => DateTime.MaxValue,
            { Status: InstanceStatuses.Normal } when i.NoticeSentForEnd != i.EndTime => i.EndTime.Value - NoticeBefore,
            { Status: InstanceStatuses.Normal } => i.EndTime.Value,
            { Status: InstanceStatuses.Expired, ExpectedReleaseTime: { } release } => release,
            _ => DateTime.MaxValue,
        };
    }
}
