using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// The database proxy (read/write splitting) of a primary: on, sized and off. Editions per inventory proxyCategories
/// (MySQL and PostgreSQL HighAvailability) [I]; the proxy is not billed here [I].
/// </summary>
internal static class ProxyActions
{
    private const string P = RdsServices.Product, V = RdsServices.Version;

    /// <summary>ConfigDBProxyService Startup (proxy off → on), Shutdown (on → off) or Modify (on, new size) [C values].</summary>
    [Action(P, V, "ModifyDBProxy")]
    public static object ModifyDBProxy(ActionContext ctx)
    {
        var config = RdsWire.OneOf(ctx, "ConfigDBProxyService", null, "Startup", "Shutdown", "Modify");
        var type = ctx.Params.String("DBProxyInstanceType") is null ? null : RdsWire.OneOf(ctx, "DBProxyInstanceType", null, "common", "exclusive");
        var num = Count(ctx, "DBProxyInstanceNum", min: 1);
        Change(ctx, rds =>
        {
            switch (config)
            {
                case "Startup" when rds.ProxyStatus == RdsProxy.Startup:
                case "Shutdown" or "Modify" when rds.ProxyStatus != RdsProxy.Startup:
                    throw RdsErrors.ProxyStatus(rds.Id, rds.ProxyStatus);
                case "Startup":
                    rds.ProxyStatus = RdsProxy.Startup;
                    // [C] defaults: exclusive, one proxy instance.
                    rds.ProxyInstanceType = type ?? "exclusive";
                    rds.ProxyInstanceNum = num ?? 1;
                    break;
                case "Shutdown":
                    rds.ProxyStatus = RdsProxy.Shutdown;
                    rds.ProxyInstanceNum = 0;
                    break;
                default:
                    if (type is not null) rds.ProxyInstanceType = type;
                    if (num is not null) rds.ProxyInstanceNum = num.Value;
                    break;
            }
        });
        return RdsReply.Of(ctx, new { ctx.RequestId });
    }

    /// <summary>Resizes an enabled proxy: DBProxyInstanceNum 1 to 16, or 0 to disable it [C]; applied at once whatever EffectiveTime says [I].</summary>
    [Action(P, V, "ModifyDBProxyInstance")]
    public static object ModifyDBProxyInstance(ActionContext ctx)
    {
        var type = RdsWire.OneOf(ctx, "DBProxyInstanceType", null, "common", "exclusive");
        var num = Count(ctx, "DBProxyInstanceNum", min: 0) ?? throw CommonErrors.MissingParameter("DBProxyInstanceNum");
        var effective = RdsWire.OneOf(ctx, "EffectiveTime", "MaintainTime", "Immediate", "MaintainTime", "SpecificTime");
        if (effective == "SpecificTime" && ctx.Params.String("EffectiveSpecificTime") is null) throw CommonErrors.MissingParameter("EffectiveSpecificTime");
        Change(ctx, rds =>
        {
            if (rds.ProxyStatus != RdsProxy.Startup) throw RdsErrors.ProxyStatus(rds.Id, rds.ProxyStatus);
            rds.ProxyInstanceType = type;
            rds.ProxyInstanceNum = num;
            if (num == 0) rds.ProxyStatus = RdsProxy.Shutdown;
        });
        return RdsReply.Of(ctx, new { ctx.RequestId });
    }

    /// <summary>The proxy's state: service Startup/Shutdown, type, count and its endpoint while on.</summary>
    [Action(P, V, "DescribeDBProxy")]
    public static object DescribeDBProxy(ActionContext ctx)
    {
        var rds = ctx.Get<RdsDesk>().Own(ctx, ctx.Params.RequiredString("DBInstanceId"), ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners));
        var on = rds.ProxyStatus == RdsProxy.Startup;
        return RdsReply.Of(ctx, new
        {
            DBProxyConnectStringItems = new
            {
                DBProxyConnectStringItems = on
                    ? new[]
                    {
                        new
                        {
                            DBProxyConnectString = rds.Id + "-proxy.rwlb.rds.aliyuncs.com", DBProxyConnectStringNetType = "VPC",
                            DBProxyConnectStringPort = rds.Port, DBProxyEndpointId = "ta" + rds.Id[(rds.Id.IndexOf('-') + 1)..][..10],
                        },
                    }
                    : [],
            },
            DBProxyAVZones = new { DBProxyAVZones = on ? new[] { rds.ZoneId } : [] },
            DbProxyEndpointItems = new
            {
                DbProxyEndpointItems = on
                    ? new[] { new { DbProxyEndpointAliases = "", DbProxyEndpointName = "ta" + rds.Id[(rds.Id.IndexOf('-') + 1)..][..10], DbProxyEndpointType = "Custom", DbProxyReadWriteMode = "ReadWrite" } }
                    : [],
            },
            DBProxyEngineType = "normal",
            DBProxyInstanceMinorVersions = new { DBProxyInstanceMinorVersions = on ? new[] { ProxyMinorVersion } : [] },
            DBProxyInstanceCurrentMinorVersion = on ? ProxyMinorVersion : null,
            DBProxyInstanceLatestMinorVersion = on ? ProxyMinorVersion : null,
            DBProxyNodes = new
            {
                DBProxyNodes = Enumerable.Range(1, on ? rds.ProxyInstanceNum : 0)
                    .Select(n => new { cpuCores = "2", nodeId = $"pn-{rds.Id}-{n}", zoneId = rds.ZoneId }).ToList(),
            },
            DBProxyInstanceNum = rds.ProxyInstanceNum,
            DBProxyInstanceStatus = on ? "Running" : "Shutdown",
            DBProxyInstanceType = rds.ProxyInstanceType == "common" ? "1" : "2",
            DBProxyServiceStatus = rds.ProxyStatus,
            ctx.RequestId,
        });
    }

    /// <summary>[I] the proxy's minor version label.</summary>
    private const string ProxyMinorVersion = "rdsproxy_1.0.0";

    private static int? Count(ActionContext ctx, string name, int min)
    {
        var s = ctx.Params.String(name);
        if (s is null) return null;
        var max = ctx.Get<RdsInventory>().Proxy.MaxInstances;
        return int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n : throw CommonErrors.InvalidParameter(name, $"It must be from {min} to {max}.");
    }

    private static void Change(ActionContext ctx, Action<RdsInstance> change)
    {
        var scope = ctx.Get<CustomerScope>().Visible(ctx, RdsWire.Owners);
        var id = ctx.Params.RequiredString("DBInstanceId");
        var desk = ctx.Get<RdsDesk>();
        var found = desk.Own(ctx, id, scope);
        desk.UnderCustomerLock(found.CustomerUid, () =>
        {
            var rds = desk.Own(ctx, id, scope);
            if (rds.InstanceType != RdsInstanceTypes.Primary) throw RdsErrors.NotAPrimary(rds.Id, rds.InstanceType);
            if (ctx.Get<RdsInventory>().Engine(rds.Engine) is not { } e || !e.ProxyCategories.Contains(rds.Category))
                throw RdsErrors.ProxyNotSupported(rds.Id, rds.Engine, rds.Category);
            desk.RequireRunning(rds, ctx.Now);
            change(rds);
            ctx.Get<RdsStore>().Update(rds);
            return 0;
        });
    }
}
