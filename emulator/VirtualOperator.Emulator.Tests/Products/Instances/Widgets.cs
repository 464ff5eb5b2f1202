using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Products.Instances;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Tests.Products.Instances;

// A test-only product, declared the way docs/new-product.md tells a real one to be: its instance, its store, its
// declaration (kind, prices, states) and one handler-like purchase written against the shared OrderDesk. Nothing of the
// order, renewal, expiry or release logic is copied here.

public sealed class Widget : IProductInstance
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string RegionId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string Size { get; set; } = "small";
    public string Settled { get; set; } = Widgets.Running;
    public string Transition { get; set; } = "";
    public DateTime TransitionAt { get; set; }
    public DateTime? ReleasedAt { get; set; }
}

public sealed class WidgetStore(EmulatorDatabase db) : InstanceStore<Widget>(db, "testWidgets", w => w.CreatedAt);

public sealed class Widgets(WidgetStore store) : InstanceProduct<Widget>
{
    public const string KindName = "TestWidget";
    public const string Code = "testwidget";
    public const string Running = "Running";
    public const string Provisioning = "Provisioning";
    public const string Suspended = "Suspended";
    public const decimal MonthlyPrice = 10m;

    public override string Kind => KindName;
    public override string ProductCode => Code;

    public override InstanceStateMachine States { get; } = new InstanceStateMachine()
        .Transition(Provisioning, (Provisioning, TimeSpan.FromMinutes(10)))
        .Lock(LockCause.Expired, "expired", Suspended)
        .Lock(LockCause.StoppedForArrears, "arrears", Suspended);

    public override string StatusOf(Widget w, SalesInstance? subscription, MeteredResource? meter, DateTime now) =>
        States.StatusOf(w.Settled, w.Transition, now - Wire.Utc(w.TransitionAt), States.LocksOf(subscription, meter));

    public override Order? RenewalOrder(Widget w, SalesInstance subscription, int months) => new()
    {
        InstanceId = w.Id, ProductCode = Code, SubscriptionType = SubscriptionTypes.Subscription, OrderType = OrderTypes.Renew,
        Region = w.RegionId, Currency = "CNY", GrossAmount = MonthlyPrice * months, Amount = MonthlyPrice * months,
    };

    public override void Released(Widget w, SalesInstance subscription, DateTime at)
    {
        w.ReleasedAt = at;
        store.Update(w);
    }
}

/// <summary>The product's purchase (what its CreateWidget handler would call): one <see cref="OrderDesk.Place"/> with an <see cref="OrderPlan"/>.</summary>
public sealed class WidgetDesk(OrderDesk desk, WidgetStore store, VirtualClock clock)
{
    public Order Buy(string partnerUid, string customerUid, int months, bool autoRenew)
    {
        var now = clock.NowFor(partnerUid);
        var at = now.UtcDateTime;
        return desk.Place(partnerUid, customerUid, clientToken: null, requestDigest: "", now, () =>
        {
            var w = new Widget
            {
                Id = store.NewId("wdg-"), PartnerUid = partnerUid, CustomerUid = customerUid, RegionId = "cn-hangzhou", CreatedAt = at,
                Transition = Widgets.Provisioning, TransitionAt = at,
            };
            var record = new SalesInstance
            {
                Id = w.Id, PartnerUid = partnerUid, CustomerUid = customerUid, Kind = Widgets.KindName, ProductCode = Widgets.Code,
                Region = w.RegionId, CreateTime = at, EndTime = at.AddMonths(months),
                RenewStatus = autoRenew ? RenewStatuses.Auto : RenewStatuses.Manual, RenewalDuration = 1, RenewalDurationUnit = "M",
            };
            var order = new Order
            {
                InstanceId = w.Id, ProductCode = Widgets.Code, SubscriptionType = SubscriptionTypes.Subscription, OrderType = OrderTypes.New,
                Region = w.RegionId, Currency = "CNY", GrossAmount = Widgets.MonthlyPrice * months, Amount = Widgets.MonthlyPrice * months,
                UsageStartTime = at, UsageEndTime = record.EndTime,
            };
            var creating = desk.Creating(record, order);
            return new OrderPlan(order, paid =>
            {
                creating.Apply(paid);
                store.Insert(w);
            });
        });
    }
}
