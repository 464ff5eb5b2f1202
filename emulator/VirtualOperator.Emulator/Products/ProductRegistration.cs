using VirtualOperator.Emulator.Products.Aas;
using VirtualOperator.Emulator.Products.Bsn;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Products.BssOpenApi.Budget;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Products.Ecs;
using VirtualOperator.Emulator.Products.Federation;
using VirtualOperator.Emulator.Products.Messages;
using VirtualOperator.Emulator.Products.Mns;
using VirtualOperator.Emulator.Products.Workorder;
using VirtualOperator.Emulator.Products.Rds;
using VirtualOperator.Emulator.Products.Sts;

namespace VirtualOperator.Emulator.Products;

/// <summary>
/// Each product's services and non-RPC routes, one line a product. RPC handlers need no line here:
/// they are found by their <see cref="Protocol.Dispatch.ActionAttribute"/>.
/// </summary>
public static class ProductRegistration
{
    /// <summary>Catalog actions served by a product's own routes rather than an RPC handler ("Product/Action").</summary>
    public static readonly string[] NonRpcActions =
    [
        "Federation/GetSigninToken", "Federation/Login",
        "MNS/ReceiveMessage", "MNS/DeleteMessage", "MNS/BatchReceiveMessage", "MNS/PeekMessage", "MNS/BatchPeekMessage",
        "MNS/BatchDeleteMessage", "MNS/ChangeMessageVisibility", "MNS/GetQueueAttributes",
    ];

    public static IServiceCollection AddProducts(this IServiceCollection services)
    {
        services.AddSingleton<Domain.CustomerLocks>();
        services.AddBssOpenApi();
        services.AddSales();
        services.AddMetering();
        services.AddEcs();
        services.AddMessages();
        services.AddSts();
        services.AddFederation();
        services.AddIdentityVerification();
        services.AddMns();
        services.AddWorkorder();
        services.AddRds();
        services.AddBsn();
        return services;
    }

    public static void MapProductRoutes(this IEndpointRouteBuilder app)
    {
        app.MapSalesControlPlane();
        app.MapEcsControlPlane();
        app.MapMessagesControl();
        app.MapBudgetControlPlane();
        app.MapStsControl();
        app.MapFederation();
        app.MapIdentityPages();
        app.MapMns();
        app.MapWorkorder();
        app.MapIcpControlPlane();
    }
}
