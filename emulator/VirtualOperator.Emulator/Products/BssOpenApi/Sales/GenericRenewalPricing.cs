namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales;

/// <summary>Automatic renewals of generic instances: the catalog's subscription price of the current configuration.</summary>
public sealed class GenericRenewalPricing(ProductCatalog catalog) : IRenewalPricing
{
    public string Kind => InstanceKinds.Generic;

    public Order? RenewalOrder(SalesInstance instance, int months) =>
        catalog.Find(instance.ProductCode, instance.ProductType) is { } product
            ? OrderDesk.OrderFor(product, instance, OrderTypes.Renew, Pricing.Subscription(catalog, product, instance.Config, months), "system")
            : null;
}
