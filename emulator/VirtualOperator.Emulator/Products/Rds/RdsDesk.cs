using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Products.Instances;
using VirtualOperator.Emulator.Products.Messages;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// The RDS instance graph on the shared machinery: every new instance (CreateDBInstance, read-only, clone, recovery,
/// disaster recovery) is one order through <see cref="OrderDesk.Place"/>, paid from the customer's credit, written with its
/// sales record and its RDS document and the partner event in the same step under the customer's lock. Reads join the RDS
/// document with its sales record and its meter, so an expiry or release applied by <see cref="SubscriptionLifecycle"/>, or a stop
/// for arrears applied by the shared <see cref="PayAsYouGoMeter"/> (Postpaid), shows in RDS.
/// </summary>
public sealed class RdsDesk(
    OrderDesk desk, SalesStore sales, RdsStore store, RdsSales money, SalesEvents events, WallClock wall, RdsTimings timings, PayAsYouGoMeter meter)
{
    public RdsTimings Timings => timings;

    /// <summary>The declared states (<see cref="RdsState"/>), with this host's durations.</summary>
    public InstanceStateMachine States { get; } = RdsState.Machine(timings);
    public DateTimeOffset Wall => wall.UtcNow;

    /// <summary>
    /// Places the order that creates an instance. <paramref name="build"/> runs under the customer's lock (so it sees current
    /// state: the primary's status, the read-only count) and answers the new instance; it starts <paramref name="busy"/> for
    /// <paramref name="busyFor"/> of virtual time (or <see cref="RdsTimings.Wall"/> of wall time).
    /// </summary>
    public Order PlaceNew(ActionContext ctx, string buyer, RdsBilling billing, Func<RdsInstance> build, string busy, TimeSpan busyFor, string prefix)
    {
        var now = ctx.Now.UtcDateTime;
        return desk.Place(ctx.PartnerUid, buyer, Wire.ClientToken(ctx), Wire.Digest(ctx), ctx.Now, () =>
        {
            var rds = build();
            rds.Id = sales.NewInstanceId(prefix);
            rds.PartnerUid = ctx.PartnerUid;
            rds.CustomerUid = buyer;
            rds.CreateTime = now;
            rds.PayType = billing.PayType;
            rds.ConnectionString = $"{rds.Id}.{HostLabel(rds.Engine)}.rds.aliyuncs.com";
            rds.BeginBusy(busy, ctx.Now, wall.UtcNow, busyFor, timings.Wall);
            var record = money.Record(rds, billing.Months, billing.AutoRenew, billing.Yearly, now);
            var quote = billing.Prepaid ? money.Subscription(rds.DBInstanceClass, rds.StorageType, rds.Storage, billing.Months) : money.Free();
            var order = money.Order(record, OrderTypes.New, quote, ctx.CustomerUid ?? ctx.PartnerUid);
            order.UsageStartTime = now;
            order.UsageEndTime = record.EndTime;
            var creating = desk.Creating(record, order);
            return new OrderPlan(order, paid =>
            {
                creating.Apply(paid);
                store.Insert(rds);
                if (!billing.Prepaid)
                    meter.Start(rds.PartnerUid, rds.CustomerUid, RdsSales.ProductCode, rds.Id, rds.RegionId, money.Currency,
                        money.Hourly(rds.DBInstanceClass, rds.StorageType, rds.Storage), now);
                events.Record(PartnerEventTypes.RdsInstanceCreated, record, now, paid.Id, $"{rds.InstanceType} {rds.Engine} {rds.EngineVersion} {rds.DBInstanceClass} {rds.PayType}");
            });
        });
    }

    /// <summary>Engine label of connection strings (rm-xxx.mysql.rds.aliyuncs.com, pgm-xxx.pg.rds.aliyuncs.com) [I] for the non-MySQL ones.</summary>
    private static string HostLabel(string engine) => engine switch { "PostgreSQL" => "pg", "SQLServer" => "sqlserver", _ => "mysql" };

    /// <summary>An instance of the partner within the caller's scope and not released; else not found.</summary>
    public RdsInstance Own(ActionContext ctx, string id, string? scope)
    {
        var i = store.Instance(id);
        return i is not null && i.PartnerUid == ctx.PartnerUid && (scope is null || i.CustomerUid == scope) && !IsReleased(i)
            ? i : throw RdsErrors.InstanceNotFound(id);
    }

    public SalesInstance? Record(RdsInstance i) => sales.Instance(i.Id);

    public bool IsReleased(RdsInstance i) => i.IsReleased || Record(i)?.IsReleased == true;

    /// <summary>DBInstanceStatus now: released, a transition in progress, stopped by expiry or for arrears [I], else Running.</summary>
    public string StatusOf(RdsInstance i, DateTimeOffset now, SalesInstance? record = null)
    {
        record ??= Record(i);
        if (i.IsReleased || record?.IsReleased == true) return RdsStatuses.Released;
        // The transition's progress from its end times (set by RdsInstance.BeginBusy): elapsed = duration - time left.
        var busy = i.Busy is { } b && States.Transitions.Contains(b) ? b : null;
        var elapsed = busy is null ? TimeSpan.Zero : States.Duration(busy) - (RdsInstance.Utc(i.BusyUntil) - now.UtcDateTime);
        var wallElapsed = timings.Wall - (RdsInstance.Utc(i.BusyUntilWall) - wall.UtcNow.UtcDateTime);
        return States.StatusOf(RdsStatuses.Running, busy, elapsed, LocksOf(i, record), wallElapsed);
    }

    /// <summary>LockMode [I]: LockByExpiration while a subscription is expired, LockByArrearage while a Postpaid instance is
    /// stopped for arrears by the meter, else Unlock (<see cref="RdsState"/>).</summary>
    public string LockModeOf(RdsInstance i, SalesInstance? record) => LocksOf(i, record) is [var first, ..] ? first : RdsState.Unlock;

    private IReadOnlyList<string> LocksOf(RdsInstance i, SalesInstance? record) =>
        States.LocksOf(record, i.PayType == RdsPayTypes.Postpaid ? meter.Find(i.Id) : null);

    /// <summary>A Postpaid instance's hourly price follows its new spec from now on.</summary>
    public void Reprice(RdsInstance i)
    {
        if (i.PayType == RdsPayTypes.Postpaid && meter.Find(i.Id) is not null)
            meter.Reprice(i.Id, money.Hourly(i.DBInstanceClass, i.StorageType, i.Storage));
    }

    public void RequireRunning(RdsInstance i, DateTimeOffset now)
    {
        var status = StatusOf(i, now);
        if (status != RdsStatuses.Running) throw RdsErrors.DBInstanceStatus(i.Id, status);
    }

    /// <summary>Releases an instance now (DeleteDBInstance): its sales record too, and the partner event, in one step.</summary>
    public void Release(RdsInstance i, DateTimeOffset now, string why)
    {
        var at = now.UtcDateTime;
        i.ReleaseTime = at;
        i.Busy = null;
        store.Update(i);
        meter.End(i.Id, at);
        if (Record(i) is { } record)
        {
            record.Status = InstanceStatuses.Released;
            record.SubStatus = InstanceStatuses.Released;
            record.ReleaseTime = at;
            SubscriptionLifecycle.Schedule(record);
            sales.Update(record);
            events.Record(PartnerEventTypes.InstanceReleased, record, at, detail: why);
        }
    }

    /// <summary>Keeps the sales record's configuration (what renewals price) in step with the instance.</summary>
    public void SyncRecord(RdsInstance i)
    {
        if (Record(i) is not { } record) return;
        record.Config = RdsSales.Config(i);
        sales.Update(record);
    }

    public T UnderCustomerLock<T>(string customerUid, Func<T> action) => desk.UnderCustomerLock(customerUid, action);
}
