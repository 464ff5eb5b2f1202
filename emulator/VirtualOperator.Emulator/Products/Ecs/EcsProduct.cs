using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Products.Instances;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>
/// ECS instances declared to the shared machinery (<see cref="InstanceProduct{TInstance}"/>): kind <c>Ecs</c>, product code
/// <c>ecs</c>, the states of <see cref="EcsState"/>, renewals priced as a PrePaid subscription of the current configuration.
/// A PostPaid instance stopped for arrears shows Stopped with lock reason <c>financial</c> (from the meter, through the
/// state machine) and its power state follows; released for arrears it goes the shared way (subscription record Released).
/// Other products see an instance's public IP (ICP service numbers need one).
/// </summary>
public sealed class EcsProduct(EcsStore store, EcsInventory inventory, EcsPricing pricing) : InstanceProduct<EcsInstance>
{
    public override string Kind => EcsInstance.SalesKind;
    public override string ProductCode => EcsWire.ProductCode;
    public override InstanceStateMachine States => EcsState.Machine;

    public override string StatusOf(EcsInstance instance, SalesInstance? subscription, MeteredResource? meter, DateTime now) =>
        EcsState.Of(instance, subscription, meter, now).Status;

    public override string? PublicIp(EcsInstance instance) => instance.PublicIpAddress;

    public override Order? RenewalOrder(EcsInstance i, SalesInstance subscription, int months)
    {
        if (inventory.InstanceType(i.InstanceType) is null) return null;
        var quote = pricing.Subscription(EcsWire.PricingConfig(inventory, i), months, "Month");
        return new Order
        {
            InstanceId = i.Id, ProductCode = EcsWire.ProductCode, ProductType = "", SubscriptionType = SubscriptionTypes.Subscription,
            OrderType = OrderTypes.Renew, Region = i.RegionId, Config = EcsWire.ConfigText(i), Currency = quote.Currency,
            GrossAmount = quote.OriginalPrice, Amount = quote.TradePrice,
        };
    }

    public override void StoppedForArrears(EcsInstance i, MeteredResource resource, DateTime at)
    {
        // The power state follows: once reactivated it starts again from Stopped.
        i.Power = EcsStatuses.Stopped;
        i.Transition = EcsTransitions.None;
        i.TransitionAt = at;
        store.Update(i);
    }
}
