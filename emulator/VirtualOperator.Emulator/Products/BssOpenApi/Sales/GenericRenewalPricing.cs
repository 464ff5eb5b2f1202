namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>Automatic renewals of generic instances: the catalog's subscription price of the current configuration.</summary>
public sealed class GenericRenewalPricing(ProductCatalog catalog) : IRenewalPricing
{
    public string Kind => InstanceKinds.Generic;

    public Order? RenewalOrder(SalesInstance instance, int months)
    {
        if (catalog.Find(instance.ProductCode, instance.ProductType) is not { } product) return null;
        var quote = Pricing.Subscription(catalog, product, instance.Config, months);
        return new Order
        {
            InstanceId = instance.Id, ProductCode = product.ProductCode, ProductType = product.ProductType,
            SubscriptionType = instance.SubscriptionType, OrderType = OrderTypes.Renew, Region = instance.Region,
            Config = Pricing.FormatConfig(instance.Config, instance.Region), Currency = quote.Currency,
            GrossAmount = quote.OriginalPrice, Amount = quote.TradePrice,
            Modules = instance.Config.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new OrderModule { Code = c.Key, Name = product.Module(c.Key)?.Name ?? c.Key, Value = c.Value }).ToList(),
        };
    }
}
