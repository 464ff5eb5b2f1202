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

    /// <summary>Raised after any move, with the partners whose time moved (null: every partner).</summary>
    public event Action<string?>? Moved;

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
            if (partnerUid is null) _global += by;
            else _partner.AddOrUpdate(partnerUid, by, (_, o) => o + by);
        }
        Moved?.Invoke(partnerUid);
    }

    /// <summary>Sets virtual now; refuses to go back past something already applied.</summary>
    public void Set(DateTimeOffset now, string? partnerUid = null)
    {
        lock (_gate)
        {
            var wall = _wall.UtcNow;
            if (partnerUid is null)
            {
                var newGlobal = now - wall;
                foreach (var (uid, floor) in _floor)
                    if (wall + newGlobal + _partner.GetValueOrDefault(uid) < floor)
                        throw new ClockRefusedException(uid, floor);
                _global = newGlobal;
            }
            else
            {
                if (_floor.TryGetValue(partnerUid, out var floor) && now < floor)
                    throw new ClockRefusedException(partnerUid, floor);
                _partner[partnerUid] = now - wall - _global;
            }
        }
        Moved?.Invoke(partnerUid);
    }

    /// <summary>Called by whatever applies time-driven events, so time can't be set back before them.</summary>
    public void RecordApplied(string partnerUid, DateTimeOffset at) =>
        _floor.AddOrUpdate(partnerUid, at, (_, old) => at > old ? at : old);

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

public sealed class ClockRefusedException(string partnerUid, DateTimeOffset floor)
    : Exception($"Partner {partnerUid} already applied events up to {floor:O}; virtual time cannot be set back past that.")
{
    public string PartnerUid { get; } = partnerUid;
    public DateTimeOffset Floor { get; } = floor;
}
