using System.Globalization;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Products.Instances;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// RDS instances declared to the shared machinery (<see cref="InstanceProduct{TInstance}"/>): kind <c>Rds</c>, product code
/// <c>rds</c>, the states of <see cref="RdsState"/>, automatic renewals at the subscription price of the current class and
/// storage. A primary released by the lifecycle (15 days after its term ended) or by the meter (arrears) takes its read-only
/// instances with it [I], in the same step: a read-only instance cannot outlive its primary. RDS instances have no public IP here [I].
/// </summary>
public sealed class RdsProduct(RdsStore store, RdsSales sales, RdsDesk desk) : InstanceProduct<RdsInstance>
{
    public override string Kind => RdsSales.Kind;
    public override string ProductCode => RdsSales.ProductCode;
    public override InstanceStateMachine States => desk.States;

    public override bool IsReleased(RdsInstance instance, SalesInstance? subscription) => instance.IsReleased || subscription?.IsReleased == true;

    public override string StatusOf(RdsInstance instance, SalesInstance? subscription, MeteredResource? meter, DateTime now) =>
        desk.StatusOf(instance, new DateTimeOffset(now, TimeSpan.Zero), subscription);

    public override Order? RenewalOrder(RdsInstance instance, SalesInstance subscription, int months)
    {
        var c = subscription.Config;
        if (!c.TryGetValue("DBInstanceClass", out var cls) || !c.TryGetValue("DBInstanceStorageType", out var type)
            || !int.TryParse(c.GetValueOrDefault("DBInstanceStorage"), CultureInfo.InvariantCulture, out var gb)) return null;
        return sales.Order(subscription, OrderTypes.Renew, sales.Subscription(cls, type, gb, months), "system");
    }

    /// <summary>The lifecycle wrote the primary's own sales record; its RDS document is marked here, its read-only instances released.</summary>
    public override void Released(RdsInstance i, SalesInstance subscription, DateTime at)
    {
        if (i.IsReleased) return;
        var when = new DateTimeOffset(at, TimeSpan.Zero);
        foreach (var ro in store.ReadOnlyOf(i.Id).Where(r => !desk.IsReleased(r))) desk.Release(ro, when, "primary released");
        i.ReleaseTime = at;
        i.Busy = null;
        store.Update(i);
    }

    /// <summary>Stopped for arrears: DBInstanceStatus Stopped with LockMode LockByArrearage [I], derived from the meter, so nothing is written.</summary>
    public override void StoppedForArrears(RdsInstance instance, MeteredResource resource, DateTime at) { }

    public override void ReleasedForArrears(RdsInstance i, MeteredResource resource, DateTime at)
    {
        if (i.IsReleased) return;
        var when = new DateTimeOffset(at, TimeSpan.Zero);
        foreach (var ro in store.ReadOnlyOf(i.Id).Where(r => !desk.IsReleased(r))) desk.Release(ro, when, "primary released for arrears");
        desk.Release(i, when, "released for arrears");
    }
}
