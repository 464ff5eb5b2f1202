using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;

namespace VirtualOperator.Emulator.Products.Instances;

/// <summary>
/// A product's instance states, declared: the transitions (each a sequence of transitional statuses with their virtual
/// durations, e.g. ECS's launch is Pending 1 s then Starting 2 s), and which statuses the shared machinery's locks force
/// (an expired subscription, a meter stop for arrears). Nothing is set by a timer: the status an API call sees is derived
/// when read, from the settled status the product stores, the transition under way and when it began, and the locks.
/// <code>
/// new InstanceStateMachine()
///     .Transition("Launching", ("Pending", 1s), ("Starting", 2s))
///     .Lock(LockCause.Expired, "expired", "Stopped")
/// </code>
/// </summary>
public sealed class InstanceStateMachine
{
    private readonly Dictionary<string, Phase[]> _transitions = new(StringComparer.Ordinal);
    private readonly List<InstanceLock> _locks = [];

    /// <summary>Whether a lock outranks a transition under way (ECS: an expired instance shows Stopped even mid-reboot);
    /// when false a transition in progress shows first (RDS: Restoring, then Stopped).</summary>
    public bool LocksFirst { get; init; } = true;

    /// <summary>A wall-time bound on every transition, so an SDK poller sees it finish without anyone moving the clock
    /// (RDS); null when transitions end on the virtual clock alone (ECS: virtual time flows with wall time).</summary>
    public TimeSpan? WallBound { get; init; }

    public IReadOnlyList<InstanceLock> Locks => _locks;

    public InstanceStateMachine Transition(string name, params (string Status, TimeSpan For)[] phases)
    {
        if (phases.Length == 0) throw new ArgumentException("A transition has at least one transitional status.", nameof(phases));
        _transitions.Add(name, phases.Select(p => new Phase(p.Status, p.For)).ToArray());
        return this;
    }

    /// <summary>While <paramref name="cause"/> holds, the instance carries lock <paramref name="reason"/> and shows <paramref name="status"/>.
    /// Locks are reported in the order declared.</summary>
    public InstanceStateMachine Lock(LockCause cause, string reason, string status)
    {
        _locks.Add(new InstanceLock(cause, reason, status));
        return this;
    }

    public IReadOnlyCollection<string> Transitions => _transitions.Keys;

    /// <summary>How long <paramref name="transition"/> takes on the virtual clock, all its statuses together.</summary>
    public TimeSpan Duration(string transition) => Phases(transition).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.For);

    /// <summary>The transitional status <paramref name="elapsed"/> into <paramref name="transition"/>, or null once it is over.</summary>
    public string? PhaseAt(string transition, TimeSpan elapsed)
    {
        var end = TimeSpan.Zero;
        foreach (var p in Phases(transition))
        {
            end += p.For;
            if (elapsed < end) return p.Status;
        }
        return null;
    }

    /// <summary>The lock reasons in force, in declared order, from the instance's subscription record and meter.</summary>
    public IReadOnlyList<string> LocksOf(SalesInstance? subscription, MeteredResource? meter)
    {
        List<string>? on = null;
        foreach (var l in _locks)
        {
            var holds = l.Cause switch
            {
                LockCause.Expired => subscription is { Status: InstanceStatuses.Expired },
                LockCause.StoppedForArrears => meter is { State: MeterStates.StoppedForArrears },
                _ => false,
            };
            if (holds) (on ??= []).Add(l.Reason);
        }
        return on ?? (IReadOnlyList<string>)[];
    }

    /// <summary>
    /// The status shown: the settled status, unless a transition is under way (<paramref name="transition"/>,
    /// <paramref name="elapsed"/> into it on the virtual clock, <paramref name="wallElapsed"/> in wall time) or a lock
    /// forces one (<paramref name="locks"/>, from <see cref="LocksOf"/>); which of those wins is <see cref="LocksFirst"/>.
    /// </summary>
    public string StatusOf(string settled, string? transition, TimeSpan elapsed, IReadOnlyList<string> locks, TimeSpan? wallElapsed = null)
    {
        var phase = transition is null || !_transitions.ContainsKey(transition) ? null : PhaseAt(transition, elapsed);
        if (WallBound is { } bound && wallElapsed is { } wall && wall >= bound) phase = null;
        var locked = locks.Count == 0 ? null : _locks.First(l => l.Reason == locks[0]).Status;
        return LocksFirst ? locked ?? phase ?? settled : phase ?? locked ?? settled;
    }

    private Phase[] Phases(string transition) =>
        _transitions.TryGetValue(transition, out var phases) ? phases : throw new ArgumentException($"No transition {transition} is declared.", nameof(transition));

    private sealed record Phase(string Status, TimeSpan For);
}

/// <summary>What the shared machinery knows that locks an instance.</summary>
public enum LockCause
{
    /// <summary>Its subscription expired (<see cref="SubscriptionLifecycle"/>), not yet renewed or released.</summary>
    Expired,
    /// <summary>The pay-as-you-go meter stopped it for arrears (<see cref="PayAsYouGoMeter"/>).</summary>
    StoppedForArrears,
}

/// <param name="Reason">The lock as the product reports it (ECS OperationLocks reason, RDS LockMode).</param>
/// <param name="Status">The status the lock forces.</param>
public sealed record InstanceLock(LockCause Cause, string Reason, string Status);
