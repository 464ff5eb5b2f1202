namespace VirtualOperator.Emulator.Products.Workorder;

public static class WorkorderServices
{
    public static IServiceCollection AddWorkorder(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<TicketStore>();
        services.AddSingleton<TicketUploads>();
        services.AddSingleton<Storage.IStateReset>(sp => sp.GetRequiredService<TicketUploads>());
        return services;
    }

    public static void MapWorkorder(this IEndpointRouteBuilder app)
    {
        app.MapAttachmentRoutes();
        app.MapTicketControl();
    }
}
