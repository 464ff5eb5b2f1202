using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// RDS Postpaid on the shared pay-as-you-go meter (docs/metering.md): hours are charged from the customer's credit; an instance
/// stopped for arrears shows DBInstanceStatus Stopped with LockMode LockByArrearage [I] (derived from the meter's state, so
/// nothing is written here), and is released when the meter releases it (InstanceReleased with ProductCode rds).
/// </summary>
public sealed class RdsMeteredProduct(RdsStore store, RdsDesk desk) : IMeteredProduct
{
    public string ProductCode => RdsSales.ProductCode;

    public void StoppedForArrears(MeteredResource resource, DateTime at)
    {
    }

    /// <summary>Released with its read-only instances [I]: a read-only instance cannot outlive its primary.</summary>
    public void ReleasedForArrears(MeteredResource resource, DateTime at)
    {
        if (store.Instance(resource.Id) is not { IsReleased: false } i) return;
        var when = new DateTimeOffset(at, TimeSpan.Zero);
        foreach (var ro in store.ReadOnlyOf(i.Id).Where(r => !desk.IsReleased(r))) desk.Release(ro, when, "primary released for arrears");
        desk.Release(i, when, "released for arrears");
    }
}
