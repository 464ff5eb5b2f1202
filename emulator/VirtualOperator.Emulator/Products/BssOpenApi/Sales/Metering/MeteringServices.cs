using VirtualOperator.Emulator.Clock;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;

/// <summary>The pay-as-you-go meter's services; products add their <see cref="IMeteredProduct"/>.</summary>
public static class MeteringServices
{
    public static IServiceCollection AddMetering(this IServiceCollection services)
    {
        services.AddSingleton<MeterStore>();
        services.AddSingleton<Storage.IStateReset>(sp => sp.GetRequiredService<MeterStore>());
        services.AddSingleton<PayAsYouGoMeter>();
        services.AddSingleton<IDueWork>(sp => sp.GetRequiredService<PayAsYouGoMeter>());
        return services;
    }
}
