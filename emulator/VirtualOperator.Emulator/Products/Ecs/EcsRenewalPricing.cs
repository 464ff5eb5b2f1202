using VirtualOperator.Emulator.Products.BssOpenApi.Sales;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>Prices the automatic renewal of a PrePaid ECS instance for the shared <see cref="SubscriptionLifecycle"/>.</summary>
public sealed class EcsRenewalPricing(EcsStore store, EcsInventory inventory, EcsPricing pricing) : IRenewalPricing
{
    public string Kind => EcsInstance.SalesKind;

    public Order? RenewalOrder(SalesInstance instance, int months)
    {
        if (store.Instance(instance.Id) is not { } i || inventory.InstanceType(i.InstanceType) is null) return null;
        var quote = pricing.Subscription(EcsWire.PricingConfig(inventory, i), months, "Month");
        return new Order
        {
            InstanceId = i.Id, ProductCode = EcsWire.ProductCode, ProductType = "", SubscriptionType = SubscriptionTypes.Subscription,
            OrderType = OrderTypes.Renew, Region = i.RegionId, Config = EcsWire.ConfigText(i), Currency = quote.Currency,
            GrossAmount = quote.OriginalPrice, Amount = quote.TradePrice,
        };
    }
}
