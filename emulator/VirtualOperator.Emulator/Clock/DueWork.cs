namespace VirtualOperator.Emulator.Clock;

/// <summary>
/// Time-driven transitions of one product (renewals, expiries, releases, messages). Run for a partner
/// whenever its virtual time moves (control plane) and before each of its calls, so what fell due while
/// wall time passed is applied too. Implementations apply events in time order, must be cheap when
/// nothing is due, and call <see cref="VirtualClock.RecordApplied"/> for what they applied.
/// </summary>
public interface IDueWork
{
    void RunDue(string partnerUid, DateTimeOffset now);
}

/// <summary>Runs every <see cref="IDueWork"/> for one partner or for all.</summary>
public sealed class DueWorkRunner(IEnumerable<IDueWork> work, VirtualClock clock, Partners.PartnerStore partners)
{
    private readonly IDueWork[] _work = work.ToArray();

    public void RunFor(string partnerUid)
    {
        if (_work.Length == 0) return;
        var now = clock.NowFor(partnerUid);
        foreach (var w in _work) w.RunDue(partnerUid, now);
    }

    public void RunForAll()
    {
        if (_work.Length == 0) return;
        foreach (var p in partners.All()) RunFor(p.Uid);
    }
}
