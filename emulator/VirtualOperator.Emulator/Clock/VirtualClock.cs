using System.Collections.Concurrent;

namespace VirtualOperator.Emulator.Clock;

/// <summary>
/// The one domain clock. Virtual time flows with wall time, shifted by a global offset plus one offset
/// per partner, so parallel CI jobs sharing an emulator each move their own partner's time.
/// Everything in the domain (token expiry, subscriptions, test-account validity) reads it through
/// <see cref="NowFor"/> or, for time not tied to a partner, through <see cref="TimeProvider.GetUtcNow"/>.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private readonly WallClock _wall;
    private readonly object _gate = new();
    private TimeSpan _global;
    private readonly ConcurrentDictionary<string, TimeSpan> _partner = new(StringComparer.Ordinal);
    // The latest virtual time at which anything was applied for a partner: time may not be set back past it.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _floor = new(StringComparer.Ordinal);

    public VirtualClock(WallClock wall) => _wall = wall;

    /// <summary>
    /// [I] Virtual time stays in [1970-01-01, 9000-01-01) for every partner (the global offset plus its own), so every
    /// time derived from it (an end of term, a release after the grace period, epoch milliseconds) can be represented.
    /// A move that would take any partner out is refused whole (<see cref="ClockRangeException"/>) and changes nothing.
    /// </summary>
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Raised after any move, with the partners whose time moved (null: every partner).</summary>
    public event Action<string?>? Moved;

    /// <summary>Raised when applied events raise a partner's floor (<see cref="RecordApplied"/>), so a durable store keeps it.</summary>
    public event Action<string>? FloorRaised;

    // Under _gate: every partner's virtual now, were the offsets these, stays in range.
    private void CheckRange(TimeSpan global, string? partnerUid = null, TimeSpan? partnerOffset = null)
    {
        var wall = _wall.UtcNow;
        void Check(string who, TimeSpan offset)
        {
            // Compared as offsets from wall time: adding them could itself overflow.
            if (offset >= Latest - wall || offset < Earliest - wall)
                throw new ClockRangeException($"That move would put {who}'s virtual time outside {Iso(Earliest)} to {Iso(Latest)} " +
                    $"(the global offset plus each partner's own); nothing was changed.");
        }
        if (partnerUid is null)
        {
            Check("the global clock", global);
            foreach (var (uid, own) in _partner) Check("partner " + uid, global + own);
        }
        else
        {
            Check("partner " + partnerUid, global + partnerOffset!.Value);
        }
    }

    private static string Iso(DateTimeOffset t) => IsoSeconds.Format(t.UtcDateTime);

    public override DateTimeOffset GetUtcNow() => _wall.UtcNow + _global;

    public TimeSpan GlobalOffset => _global;

    public DateTimeOffset NowFor(string partnerUid) => _wall.UtcNow + OffsetFor(partnerUid);

    /// <summary>Offset of one partner's time from wall time: the global offset plus its own.</summary>
    public TimeSpan OffsetFor(string partnerUid) => _global + _partner.GetValueOrDefault(partnerUid);

    public void Advance(TimeSpan by, string? partnerUid = null)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "Time only moves forward; use clock/set.");
        lock (_gate)
        {
            if (partnerUid is null)
            {
                CheckRange(_global + by);
                _global += by;
            }
            else
            {
                var own = _partner.GetValueOrDefault(partnerUid) + by;
                CheckRange(_global, partnerUid, own);
                _partner[partnerUid] = own;
            }
        }
        Moved?.Invoke(partnerUid);
    }

    /// <summary>Sets virtual now; refuses to go back past something already applied.</summary>
    public void Set(DateTimeOffset now, string? partnerUid = null)
    {
        lock (_gate)
        {
            var wall = _wall.UtcNow;
            if (now >= Latest || now < Earliest)
                throw new ClockRangeException($"\"now\" must be from {Iso(Earliest)} and before {Iso(Latest)}; nothing was changed.");
            if (partnerUid is null)
            {
                var newGlobal = now - wall;
                CheckRange(newGlobal);
                foreach (var (uid, floor) in _floor)
                    if (wall + newGlobal + _partner.GetValueOrDefault(uid) < floor)
                        throw new ClockRefusedException(uid, floor);
                _global = newGlobal;
            }
            else
            {
                if (_floor.TryGetValue(partnerUid, out var floor) && now < floor)
                    throw new ClockRefusedException(partnerUid, floor);
                CheckRange(_global, partnerUid, now - wall - _global);
                _partner[partnerUid] = now - wall - _global;
            }
        }
        Moved?.Invoke(partnerUid);
    }

    /// <summary>Called by whatever applies time-driven events, so time can't be set back before them.</summary>
    public void RecordApplied(string partnerUid, DateTimeOffset at)
    {
        // Called for every lifecycle step (24,000 in a year's advance over 1,000 instances): no closure per call.
        while (true)
        {
            if (_floor.TryGetValue(partnerUid, out var old))
            {
                if (at <= old) return;
                if (_floor.TryUpdate(partnerUid, at, old)) break;
            }
            else if (_floor.TryAdd(partnerUid, at)) break;
        }
        FloorRaised?.Invoke(partnerUid);
    }

    public void ResetPartner(string partnerUid)
    {
        _partner.TryRemove(partnerUid, out _);
        _floor.TryRemove(partnerUid, out _);
        Moved?.Invoke(partnerUid);
    }

    public void ResetAll()
    {
        lock (_gate)
        {
            _global = TimeSpan.Zero;
            _partner.Clear();
            _floor.Clear();
        }
        Moved?.Invoke(null);
    }

    /// <summary>One partner's time for a repro bundle: its virtual now, and the latest time anything was applied for it.</summary>
    public (DateTimeOffset Now, DateTimeOffset? AppliedUpTo) ExportPartner(string partnerUid) =>
        (NowFor(partnerUid), _floor.TryGetValue(partnerUid, out var f) ? f : null);

    /// <summary>Puts one partner at <paramref name="now"/> (time flows on from there), whatever its offset was, and restores its floor.</summary>
    public void ImportPartner(string partnerUid, DateTimeOffset now, DateTimeOffset? appliedUpTo)
    {
        lock (_gate)
        {
            _partner[partnerUid] = now - _wall.UtcNow - _global;
            if (appliedUpTo is { } f) _floor[partnerUid] = f;
            else _floor.TryRemove(partnerUid, out _);
        }
        Moved?.Invoke(partnerUid);
    }

    /// <summary>State to persist with a durable store, so virtual time does not jump back on restart.</summary>
    public ClockState Export() => new(_global.Ticks,
        _partner.ToDictionary(p => p.Key, p => p.Value.Ticks), _floor.ToDictionary(p => p.Key, p => p.Value.UtcTicks));

    public void Import(ClockState state)
    {
        lock (_gate)
        {
            _global = TimeSpan.FromTicks(state.GlobalTicks);
            _partner.Clear();
            foreach (var (k, v) in state.PartnerTicks) _partner[k] = TimeSpan.FromTicks(v);
            _floor.Clear();
            foreach (var (k, v) in state.FloorTicks) _floor[k] = new DateTimeOffset(v, TimeSpan.Zero);
        }
    }
}

public sealed record ClockState(long GlobalTicks, Dictionary<string, long> PartnerTicks, Dictionary<string, long> FloorTicks);

/// <summary>A move that would take some partner's virtual time out of the representable range (answered 400).</summary>
public sealed class ClockRangeException(string message) : Exception(message);

public sealed class ClockRefusedException(string partnerUid, DateTimeOffset floor)
    : Exception($"Partner {partnerUid} already applied events up to {floor:O}; virtual time cannot be set back past that.")
{
    public string PartnerUid { get; } = partnerUid;
    public DateTimeOffset Floor { get; } = floor;
}
