using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Products.Resources;

namespace VirtualOperator.Emulator.Products.Instances;

/// <summary>The one registration of a product's instances on the shared machinery (docs/new-product.md).</summary>
public static class InstanceRegistration
{
    /// <summary>
    /// Registers the product's store <typeparamref name="TStore"/> and declaration <typeparamref name="TProduct"/> (kind,
    /// prices, state machine), and <see cref="ProductInstances{TInstance}"/> as its automatic renewal pricing
    /// (<see cref="IRenewalPricing"/>), lifecycle release follower (<see cref="IReleaseFollower"/>), pay-as-you-go product
    /// (<see cref="IMeteredProduct"/>) and resource directory (<see cref="IResourceDirectory"/>).
    /// </summary>
    public static IServiceCollection AddInstanceProduct<TInstance, TStore, TProduct>(this IServiceCollection services)
        where TInstance : class, IProductInstance
        where TStore : InstanceStore<TInstance>
        where TProduct : InstanceProduct<TInstance>
    {
        services.AddSingleton<TStore>();
        services.AddSingleton<InstanceStore<TInstance>>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<TProduct>();
        services.AddSingleton<InstanceProduct<TInstance>>(sp => sp.GetRequiredService<TProduct>());
        services.AddSingleton<ProductInstances<TInstance>>();
        services.AddSingleton<IRenewalPricing>(sp => sp.GetRequiredService<ProductInstances<TInstance>>());
        services.AddSingleton<IReleaseFollower>(sp => sp.GetRequiredService<ProductInstances<TInstance>>());
        services.AddSingleton<IMeteredProduct>(sp => sp.GetRequiredService<ProductInstances<TInstance>>());
        services.AddSingleton<IResourceDirectory>(sp => sp.GetRequiredService<ProductInstances<TInstance>>());
        return services;
    }
}
