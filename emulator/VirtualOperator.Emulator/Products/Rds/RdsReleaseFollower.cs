using VirtualOperator.Emulator.Products.BssOpenApi.Sales;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// A primary released by the subscription lifecycle (15 days after its term ended) takes its read-only instances with it
/// [I], in the same step, as one released for arrears does (<see cref="RdsMeteredProduct"/>): a read-only instance cannot
/// outlive its primary. The primary's own sales record is written by the lifecycle; its RDS document is marked here.
/// </summary>
public sealed class RdsReleaseFollower(RdsStore store, RdsDesk desk) : IReleaseFollower
{
    public string Kind => RdsSales.Kind;

    public void Released(SalesInstance instance, DateTime at)
    {
        if (store.Instance(instance.Id) is not { IsReleased: false } i) return;
        var when = new DateTimeOffset(at, TimeSpan.Zero);
        foreach (var ro in store.ReadOnlyOf(i.Id).Where(r => !desk.IsReleased(r))) desk.Release(ro, when, "primary released");
        i.ReleaseTime = at;
        i.Busy = null;
        store.Update(i);
    }
}
