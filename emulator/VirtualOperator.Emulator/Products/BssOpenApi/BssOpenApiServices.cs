namespace VirtualOperator.Emulator.Products.BssOpenApi;

public static class BssOpenApiServices
{
    public const string Product = "BssOpenApi";
    public const string Version = "2017-12-14";

    public static IServiceCollection AddBssOpenApi(this IServiceCollection services)
    {
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<CustomerScope>();
        services.AddSingleton<Storage.IStateReset>(sp => sp.GetRequiredService<CustomerStore>());
        services.AddSingleton<Budget.BudgetAlarms>();
        services.AddSingleton<Storage.IStateReset>(sp => sp.GetRequiredService<Budget.BudgetAlarms>());
        services.AddSingleton<Budget.CreditLedger>();
        services.AddSingleton<Storage.IStateReset>(sp => sp.GetRequiredService<Budget.CreditLedger>());
        services.AddSingleton<Budget.OutBizIdRegistry>();
        services.AddSingleton<Storage.IStateReset>(sp => sp.GetRequiredService<Budget.OutBizIdRegistry>());
        services.AddSingleton<Storage.IPartnerMemoryState>(sp => sp.GetRequiredService<Budget.CreditLedger>());
        services.AddSingleton<Storage.IPartnerMemoryState>(sp => sp.GetRequiredService<Budget.OutBizIdRegistry>());
        services.AddSingleton<Protocol.Dispatch.IActionGuard, Budget.StoppedCustomerGuard>();
        return services;
    }
}
