using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Products.Instances;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// ECS's declared states (<see cref="Machine"/>) and the status an ECS call sees at a virtual time, from the instance's power
/// state, its subscription and its meter. Transitions take these virtual durations [I] (real ones are not published);
/// virtual time flows with wall time, so a client polling DescribeInstances sees each finish a few seconds later without
/// anyone moving the clock: Pending <see cref="PendingFor"/>, Starting <see cref="StartingFor"/>, Stopping <see cref="StoppingFor"/>.
/// An expired subscription (lock <c>expired</c>) or a meter stop for arrears (lock <c>financial</c>) shows Stopped.
/// </summary>
public static class EcsState
{
    public static readonly TimeSpan PendingFor = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan StartingFor = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan StoppingFor = TimeSpan.FromSeconds(2);

    public const string LockExpired = "expired";
    public const string LockFinancial = "financial";

    /// <summary>RunInstances launches (Pending, Starting), Start/ReActivate start, Stop stops, Reboot stops and starts;
    /// a lock outranks a transition under way.</summary>
    public static readonly InstanceStateMachine Machine = new InstanceStateMachine { LocksFirst = true }
        .Transition(EcsTransitions.Launching, (EcsStatuses.Pending, PendingFor), (EcsStatuses.Starting, StartingFor))
        .Transition(EcsTransitions.Starting, (EcsStatuses.Starting, StartingFor))
        .Transition(EcsTransitions.Stopping, (EcsStatuses.Stopping, StoppingFor))
        .Transition(EcsTransitions.Rebooting, (EcsStatuses.Stopping, StoppingFor), (EcsStatuses.Starting, StartingFor))
        .Lock(LockCause.Expired, LockExpired, EcsStatuses.Stopped)
        .Lock(LockCause.StoppedForArrears, LockFinancial, EcsStatuses.Stopped);

    public static EcsStatusView Of(EcsInstance i, SalesInstance? subscription, MeteredResource? meter, DateTime now)
    {
        var released = subscription is null || subscription.IsReleased;
        var locks = Machine.LocksOf(subscription, meter);
        var status = Machine.StatusOf(i.Power, i.Transition, Since(i, now), locks);
        return new EcsStatusView(status, locks, released, meter is { State: MeterStates.Overdue or MeterStates.StoppedForArrears });
    }

    /// <summary>Where the power state is at <paramref name="now"/>, transitions included.</summary>
    public static string Power(EcsInstance i, DateTime now) => Machine.StatusOf(i.Power, i.Transition, Since(i, now), []);

    private static TimeSpan Since(EcsInstance i, DateTime now) => now - BssOpenApi.Sales.Wire.Utc(i.TransitionAt);

    /// <summary>Begins a transition towards <paramref name="power"/> at <paramref name="now"/>.</summary>
    public static void Begin(EcsInstance i, string transition, string power, DateTime now)
    {
        i.Transition = transition;
        i.TransitionAt = now;
        i.Power = power;
        if (power == EcsStatuses.Running) i.StartTime = now;
    }
}

/// <param name="Status">Pending, Starting, Running, Stopping or Stopped.</param>
/// <param name="Locks">OperationLocks reasons: <c>expired</c>, <c>financial</c>.</param>
/// <param name="Released">Released (by DeleteInstance, expiry or arrears): gone from every ECS call.</param>
/// <param name="InArrears">Overdue or stopped for arrears on the meter.</param>
public sealed record EcsStatusView(string Status, IReadOnlyList<string> Locks, bool Released, bool InArrears);
