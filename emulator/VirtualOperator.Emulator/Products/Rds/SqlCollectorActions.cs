using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>SQL Explorer (SQL audit): on or off per instance, stored and read back.</summary>
internal static class SqlCollectorActions
{
    private const string P = RdsServices.Product, V = RdsServices.Version;

    /// <summary>[I] how long collected SQL is kept when nobody changed it.</summary>
    private const int StoragePeriodDays = 30;

    /// <summary>SQLCollectorStatus Enable or Disabled [C values].</summary>
    [Action(P, V, "ModifySQLCollectorPolicy")]
    public static object ModifySQLCollectorPolicy(ActionContext ctx)
    {
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var id = ctx.Params.RequiredString("DBInstanceId");
        var status = RdsWire.OneOf(ctx, "SQLCollectorStatus", null, "Enable", "Disabled");
        var desk = ctx.Get<RdsDesk>();
        var found = desk.Own(ctx, id, scope);
        desk.UnderCustomerLock(found.CustomerUid, () =>
        {
            var rds = desk.Own(ctx, id, scope);
            rds.SqlCollectorStatus = status;
            ctx.Get<RdsStore>().Update(rds);
            return 0;
        });
        return RdsReply.Of(ctx, new { ctx.RequestId });
    }

    [Action(P, V, "DescribeSQLCollectorPolicy")]
    public static object DescribeSQLCollectorPolicy(ActionContext ctx)
    {
        var rds = ctx.Get<RdsDesk>().Own(ctx, ctx.Params.RequiredString("DBInstanceId"), ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners));
        return RdsReply.Of(ctx, new { ctx.RequestId, SQLCollectorStatus = rds.SqlCollectorStatus, StoragePeriod = StoragePeriodDays });
    }
}
