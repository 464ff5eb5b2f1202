using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.Resources;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>RDS services: inventory, store, desk, prices, renewals and the resource directory.</summary>
public static class RdsServices
{
    public const string Product = "Rds";
    public const string Version = "2014-08-15";

    public static IServiceCollection AddRds(this IServiceCollection services)
    {
        services.AddSingleton(sp => RdsInventory.Load(RdsInventory.DefaultPath(sp.GetRequiredService<IOptions<EmulatorOptions>>().Value.FixturesPath)));
        services.AddSingleton(sp =>
        {
            // Emulator:Rds:WallSeconds bounds every transitional state in wall time (docs/rds.md).
            var seconds = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Emulator:Rds:WallSeconds") ?? 3;
            return new RdsTimings { Wall = TimeSpan.FromSeconds(seconds) };
        });
        services.AddSingleton<RdsStore>();
        services.AddSingleton<RdsSales>();
        services.AddSingleton<RdsDesk>();
        services.AddSingleton<IRenewalPricing, RdsRenewalPricing>();
        services.AddSingleton<IReleaseFollower, RdsReleaseFollower>();
        services.AddSingleton<BssOpenApi.Sales.Metering.IMeteredProduct, RdsMeteredProduct>();
        services.AddSingleton<IResourceDirectory, RdsResourceDirectory>();
        return services;
    }
}
