using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Products.Instances;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>RDS services: inventory, timings, its instances on the shared machinery, the money side and the desk.</summary>
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
        // Instances, prices, states: the shared hooks (renewal pricing, meter, release, resource directory) follow.
        services.AddInstanceProduct<RdsInstance, RdsStore, RdsProduct>();
        services.AddSingleton<RdsSales>();
        services.AddSingleton<RdsDesk>();
        return services;
    }
}
