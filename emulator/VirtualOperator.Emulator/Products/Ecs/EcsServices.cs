using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Products.Instances;

namespace VirtualOperator.Emulator.Products.Ecs;

/// <summary>ECS services (inventory, its instances on the shared machinery, stock, pricing, fleet) and its control-plane routes.</summary>
public static class EcsServices
{
    public static IServiceCollection AddEcs(this IServiceCollection services)
    {
        services.AddSingleton(sp => EcsInventory.Load(EcsInventory.DefaultPath(sp.GetRequiredService<IOptions<EmulatorOptions>>().Value.FixturesPath)));
        // Instances, prices, states: the shared hooks (renewal pricing, meter, release, resource directory) follow.
        services.AddInstanceProduct<EcsInstance, EcsStore, EcsProduct>();
        services.AddSingleton<EcsStock>();
        services.AddSingleton<EcsPricing>();
        services.AddSingleton<EcsFleet>();
        return services;
    }

    /// <summary>
    /// <c>GET /_emulator/partners/{uid}/ecs/stock</c>: the stock of every zone and instance type for that partner;
    /// <c>POST …/ecs/stock</c> <c>{"zoneId","instanceType","status":"SoldOut"|"Available"}</c>: sets one (RunInstances then
    /// answers OperationDenied.NoStock for a sold-out pair, and DescribeAvailableResource shows it SoldOut).
    /// </summary>
    public static void MapEcsControlPlane(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/_emulator/partners/{uid}/ecs");
        api.MapGet("/stock", Results<Ok<EcsStockList>, JsonHttpResult<ControlError>> (string uid, PartnerStore partners, EcsInventory inventory, EcsStock stock) =>
            partners.Get(uid) is null
                ? TypedResults.Json(new ControlError($"No partner with uid {uid}."), statusCode: 404)
                : TypedResults.Ok(new EcsStockList(inventory.Regions.SelectMany(r => r.Zones.SelectMany(z => inventory.InstanceTypes.Select(t =>
                    new EcsStockItem(r.RegionId, z.ZoneId, t.InstanceTypeId, stock.StatusOf(uid, z.ZoneId, t.InstanceTypeId))))).ToList())));
        api.MapPost("/stock", Results<Ok<EcsStockItem>, JsonHttpResult<ControlError>> (string uid, EcsStockChange body, PartnerStore partners, EcsInventory inventory, EcsStock stock) =>
        {
            if (partners.Get(uid) is null) return TypedResults.Json(new ControlError($"No partner with uid {uid}."), statusCode: 404);
            var region = inventory.Regions.FirstOrDefault(r => r.Zone(body.ZoneId ?? "") is not null);
            if (region is null) return TypedResults.Json(new ControlError($"No zone {body.ZoneId} in the ECS inventory."), statusCode: 400);
            if (inventory.InstanceType(body.InstanceType ?? "") is null)
                return TypedResults.Json(new ControlError($"No instance type {body.InstanceType} in the ECS inventory."), statusCode: 400);
            if (body.Status is not (EcsStock.Available or EcsStock.SoldOut))
                return TypedResults.Json(new ControlError("status must be \"Available\" or \"SoldOut\"."), statusCode: 400);
            stock.Set(uid, body.ZoneId!, body.InstanceType!, body.Status);
            return TypedResults.Ok(new EcsStockItem(region.RegionId, body.ZoneId!, body.InstanceType!, body.Status));
        });
    }
}

public sealed record EcsStockChange(string? ZoneId, string? InstanceType, string? Status);
public sealed record EcsStockItem(string RegionId, string ZoneId, string InstanceType, string Status);
public sealed record EcsStockList(IReadOnlyList<EcsStockItem> Items);
public sealed record ControlError(string Error);
