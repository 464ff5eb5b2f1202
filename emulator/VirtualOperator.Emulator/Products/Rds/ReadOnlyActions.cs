using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>Read-only instances: bought like a primary, attached to a Running primary that supports them.</summary>
internal static class ReadOnlyActions
{
    private const string P = RdsServices.Product, V = RdsServices.Version;

    /// <summary>
    /// Adds a read-only instance to a primary. The primary must be a Running primary of an edition that takes read-only
    /// instances (inventory readOnlyCategories: MySQL and PostgreSQL HighAvailability), in the same region [C], with fewer than the
    /// engine's maxReadOnly [I limit]; the same engine version [C] and at least the primary's storage [C].
    /// </summary>
    [Action(P, V, "CreateReadOnlyDBInstance")]
    public static object CreateReadOnlyDBInstance(ActionContext ctx)
    {
        var buyer = ctx.Get<CustomerScope>().Buyer(ctx, SalesErrors.OwnerRequired, RdsWire.Owners);
        var inv = ctx.Get<RdsInventory>();
        var primaryId = ctx.Params.RequiredString("DBInstanceId");
        var region = ctx.Params.RequiredString("RegionId");
        var zone = ctx.Params.RequiredString("ZoneId");
        var version = ctx.Params.RequiredString("EngineVersion");
        var classCode = ctx.Params.RequiredString("DBInstanceClass");
        var storage = ctx.Params.Int("DBInstanceStorage") ?? throw CommonErrors.MissingParameter("DBInstanceStorage");
        var billing = RdsBilling.From(ctx);
        var desk = ctx.Get<RdsDesk>();
        var store = ctx.Get<RdsStore>();
        var engineOfPrimary = desk.Own(ctx, primaryId, buyer).Engine;
        var order = desk.PlaceNew(ctx, buyer, billing, () =>
        {
            var primary = desk.Own(ctx, primaryId, buyer);
            if (primary.InstanceType != RdsInstanceTypes.Primary) throw RdsErrors.NotAPrimary(primary.Id, primary.InstanceType);
            var engine = inv.Engine(primary.Engine)!;
            if (!engine.ReadOnlyCategories.Contains(primary.Category)) throw RdsErrors.ReadOnlyNotSupported(primary.Id, primary.Engine, primary.Category);
            desk.RequireRunning(primary, ctx.Now);
            var (_, roZone) = RdsSpec.Place(inv, region, zone);
            if (region != primary.RegionId) throw RdsErrors.InvalidRegion(region);
            if (version != primary.EngineVersion) throw RdsErrors.ReadOnlyVersionMismatch(version, primary.EngineVersion);
            var existing = store.ReadOnlyOf(primary.Id).Count(r => !desk.IsReleased(r));
            if (existing >= engine.MaxReadOnly) throw RdsErrors.ReadOnlyQuotaExceeded(primary.Id, engine.MaxReadOnly);
            var spec = RdsSpec.Check(inv, primary.Engine, version, ctx.Params.String("Category"), classCode,
                ctx.Params.String("DBInstanceStorageType") ?? primary.StorageType, storage);
            if (storage < primary.Storage) throw RdsErrors.ReadOnlyStorageTooSmall(storage, primary.Storage);
            return new RdsInstance
            {
                RegionId = region, ZoneId = roZone, Engine = primary.Engine, EngineVersion = version, Category = spec.Category,
                DBInstanceClass = spec.Class.Code, Storage = spec.Storage, StorageType = spec.StorageType,
                Description = ctx.Params.String("DBInstanceDescription") ?? "", InstanceNetworkType = ctx.Params.String("InstanceNetworkType") ?? "VPC",
                SecurityIPList = primary.SecurityIPList, Port = primary.Port, InstanceType = RdsInstanceTypes.Readonly, MasterInstanceId = primary.Id,
                DeletionProtection = ctx.Params.Bool("DeletionProtection") ?? false,
            };
        }, RdsStatuses.Creating, desk.Timings.Create, InstanceActions.Prefix(engineOfPrimary, RdsInstanceTypes.Readonly));
        var created = store.Instance(order.InstanceId)!;
        return RdsReply.Of(ctx, new { created.ConnectionString, DBInstanceId = created.Id, OrderId = order.Id, created.Port, ctx.RequestId });
    }
}
