namespace VirtualOperator.Emulator.Products.Mns;

public static class MnsServices
{
    public static IServiceCollection AddMns(this IServiceCollection services)
    {
        services.AddSingleton<PartnerQueues>();
        services.AddSingleton<Storage.IStateReset>(sp => sp.GetRequiredService<PartnerQueues>());
        services.AddSingleton<MnsAuthentication>();
        services.AddSingleton<MnsEndpoint>();
        return services;
    }

    public static void MapMns(this IEndpointRouteBuilder app)
    {
        MnsEndpoint.Map(app);
        app.MapQueueControl();
    }
}
