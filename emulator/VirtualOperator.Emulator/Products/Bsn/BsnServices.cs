using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Bsn;

public static class BsnServices
{
    public const string Product = "Bsn";
    public const string Version = "2015-05-12";

    /// <summary>Service numbers (Bsn API) and the ICP filings made with them from the console wizard.</summary>
    public static IServiceCollection AddBsn(this IServiceCollection services)
    {
        services.AddOptions<BsnOptions>().BindConfiguration(BsnOptions.Section);
        services.AddSingleton<ServiceNumbers>();
        services.AddSingleton<IcpFilings>();
        services.AddSingleton<IDueWork>(sp => sp.GetRequiredService<IcpFilings>());
        services.AddSingleton<IStateReset>(sp => sp.GetRequiredService<IcpFilings>());
        services.AddSingleton<IParameterErrors, BsnParameterErrors>();
        return services;
    }
}
