using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Protocol.Pipeline;
using VirtualOperator.Emulator.Protocol.Signing;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.ControlPlane;

/// <summary>Resets, globally or for one partner: the one place that knows every piece of state.</summary>
public sealed class EmulatorState(
    EmulatorDatabase db, PartnerStore partners, VirtualClock clock, RequestJournal journal, FaultInjector faults,
    NonceCache nonces, IEnumerable<IStateReset> others, Hosting.InFlightRequests inFlight)
{
    // Both run between requests, never under one (Hosting.InFlightRequests).
    public void ResetAll() => inFlight.Exclusive(() =>
    {
        db.DeleteAll();
        partners.Clear();
        clock.ResetAll();
        journal.Clear();
        faults.Clear();
        nonces.Clear();
        foreach (var o in others) o.OnReset(null);
        partners.EnsureDefault();
    });

    public void ResetPartner(string partnerUid) => inFlight.Exclusive(() =>
    {
        db.DeletePartnerData(partnerUid);
        clock.ResetPartner(partnerUid);
        journal.Clear(partnerUid);
        faults.Clear(partnerUid);
        foreach (var o in others) o.OnReset(partnerUid);
    });
}
