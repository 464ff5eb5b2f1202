using VirtualOperator.Emulator.Products.Instances;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// RDS's declared states: each transitional status (Creating, DBInstanceClassChanging, Restoring, INS_CLONING) lasts its
/// <see cref="RdsTimings"/> duration on the virtual clock, or <see cref="RdsTimings.Wall"/> in wall time, whichever ends
/// first; a transition under way shows before a lock. LockMode [I]: LockByExpiration while a subscription is expired,
/// LockByArrearage while a Postpaid instance is stopped for arrears by the meter; either shows Stopped. Settled: Running.
/// </summary>
public static class RdsState
{
    public const string LockByExpiration = "LockByExpiration";
    public const string LockByArrearage = "LockByArrearage";
    public const string Unlock = "Unlock";

    public static InstanceStateMachine Machine(RdsTimings t) => new InstanceStateMachine { LocksFirst = false, WallBound = t.Wall }
        .Transition(RdsStatuses.Creating, (RdsStatuses.Creating, t.Create))
        .Transition(RdsStatuses.ClassChanging, (RdsStatuses.ClassChanging, t.ClassChange))
        .Transition(RdsStatuses.Restoring, (RdsStatuses.Restoring, t.Restore))
        .Transition(RdsStatuses.Cloning, (RdsStatuses.Cloning, t.Clone))
        .Lock(LockCause.Expired, LockByExpiration, RdsStatuses.Stopped)
        .Lock(LockCause.StoppedForArrears, LockByArrearage, RdsStatuses.Stopped);
}
