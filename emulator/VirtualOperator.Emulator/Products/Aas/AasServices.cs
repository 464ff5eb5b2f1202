namespace VirtualOperator.Emulator.Products.Aas;

public static class AasServices
{
    public const string Product = "Aas";
    public const string Version = "2015-07-01";

    /// <summary>Identity verification: Aas issues the URL, Crm queries and removes (Products/Crm), both over this state.</summary>
    public static IServiceCollection AddIdentityVerification(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section);
        services.AddSingleton<IdentityVerifications>();
        return services;
    }
}
