using System.Globalization;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.Bsn;

/// <summary>
/// ICP filing service numbers (Bsn 2015-05-12, dd/143224-143226, dd/2833157). Names on the wire are lower camelCase
/// (<c>aliuid</c>, <c>datas.bsnDO</c>, <c>requestId</c>) except GrantBsnCode's; pop-core capitalizes them, so they are
/// matched either way (ActionCatalog.IgnoresNameCase). Errors are Bsn's numeric codes (<see cref="BsnErrors"/>).
/// </summary>
internal static class BsnActions
{
    /// <summary>Issues <c>num</c> (1-20) service numbers for a Running instance of the customer with a public IP.</summary>
    [Action(BsnServices.Product, BsnServices.Version, "ProductBindBsn")]
    public static object ProductBindBsn(ActionContext ctx)
    {
        var aliuid = Customer(ctx, "aliuid");
        var num = Int(ctx, "num", BsnErrors.NumOutOfRange);
        var resourceType = Int(ctx, "resourceType", () => BsnErrors.IllegalRequest("resourceType must be an integer."));
        var numbers = ctx.Get<ServiceNumbers>();
        var issued = numbers.Bind(ctx.PartnerUid, aliuid, ctx.Params.RequiredString("resourceId"), resourceType, num, ctx.Now);
        return new { requestId = ctx.RequestId, datas = new { bsnDO = issued.Select(n => BsnDO(n, numbers)).ToList() } };
    }

    /// <summary>The numbers of one resource that the customer holds (a granted number shows under its new holder) [I].</summary>
    [Action(BsnServices.Product, BsnServices.Version, "GetBsnByResource")]
    public static object GetBsnByResource(ActionContext ctx)
    {
        var aliuid = Customer(ctx, "aliuid");
        var resourceId = ctx.Params.RequiredString("resourceId");
        var resourceType = Int(ctx, "resourceType", () => BsnErrors.IllegalRequest("resourceType must be an integer."));
        if (resourceType is < 1 or > ServiceNumbers.LastDocumentedType)
            throw BsnErrors.IllegalRequest($"resourceType {resourceType} is not one of the documented types 1-9.");
        var numbers = ctx.Get<ServiceNumbers>();
        var all = numbers.OfResource(ctx.PartnerUid, resourceId).Where(n => n.ResourceType == resourceType).ToList();
        if (all.Count == 0 && numbers.Resource(ctx.PartnerUid, resourceId) is null) throw BsnErrors.InvalidInstance(resourceId);
        var mine = all.Where(n => n.HolderUid == aliuid).Select(n => BsnDO(n, numbers)).ToList();
        // No requestId: neither the doc nor the SDK models one for this answer (it is in the x-acs-request-id header).
        return new { datas = new { bsnDO = mine } };
    }

    /// <summary>One number by its value (documented, dd/143225); a customer's STS call sees only the numbers it holds (616).</summary>
    [Action(BsnServices.Product, BsnServices.Version, "GetBsnBySn")]
    public static object GetBsnBySn(ActionContext ctx) => LookUp(ctx);

    /// <summary>[I] Not public: emulated as GetBsnBySn (the lookup of one number, same shape), with an optional <c>aliuid</c> (616 when not its holder).</summary>
    [Action(BsnServices.Product, BsnServices.Version, "GetBsnSySn")]
    public static object GetBsnSySn(ActionContext ctx) => LookUp(ctx);

    /// <summary>The documented example's keys only (dd/143225 shows no requestId).</summary>
    private static object LookUp(ActionContext ctx)
    {
        var sn = ctx.Params.String("sn") ?? throw BsnErrors.RequiredParameterEmpty("sn");
        var numbers = ctx.Get<ServiceNumbers>();
        var n = numbers.Get(ctx.PartnerUid, sn) ?? throw BsnErrors.ServiceCodeNotFound(sn);
        var asking = ctx.CustomerUid ?? (ctx.Params.Has("aliuid") ? Customer(ctx, "aliuid") : null);
        if (asking is not null && n.HolderUid != asking) throw BsnErrors.NotOfAccount(sn, asking);
        return new
        {
            resourceId = n.ResourceId, status = (int)numbers.StatusOf(n), beianNum = n.BeianNum ?? "",
            aliUid = long.Parse(n.HolderUid, CultureInfo.InvariantCulture), resourceType = n.ResourceType,
        };
    }

    /// <summary>The holder (<c>AliUid</c>) grants a bound number to another customer of the same partner (<c>GrantToAliuid</c>).</summary>
    [Action(BsnServices.Product, BsnServices.Version, "GrantBsnCode")]
    public static object GrantBsnCode(ActionContext ctx)
    {
        var from = Customer(ctx, "AliUid");
        var to = ctx.Params.RequiredString("GrantToAliuid");
        if (!ctx.Get<CustomerScope>().Owns(ctx.PartnerUid, to)) throw BsnErrors.GrantTargetInvalid(to);
        var sn = ctx.Params.RequiredString("Sn");
        var notes = ctx.Params.String("Notes");
        ctx.Get<ServiceNumbers>().Grant(ctx.PartnerUid, sn, from, to, notes, ctx.Now);
        return new
        {
            RequestId = ctx.RequestId, Sn = sn, AliUid = long.Parse(from, CultureInfo.InvariantCulture),
            GrantToAliuid = long.Parse(to, CultureInfo.InvariantCulture), Notes = notes ?? "", Success = true,
        };
    }

    /// <summary>
    /// The customer a call names: one of the partner's customers (401 otherwise); a customer's own STS call may name
    /// only itself (604, "the binding account differs from the caller").
    /// </summary>
    private static string Customer(ActionContext ctx, string parameter)
    {
        var uid = ctx.Params.RequiredString(parameter);
        return ctx.Get<CustomerScope>().Judge(ctx, uid).Verdict switch
        {
            ScopeVerdict.Mine => uid,
            ScopeVerdict.NotTheCaller => throw BsnErrors.NotTheCaller(uid),
            _ => throw BsnErrors.InvalidAccount(uid),
        };
    }

    private static int Int(ActionContext ctx, string name, Func<Protocol.Errors.ApiException> bad) =>
        int.TryParse(ctx.Params.RequiredString(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : throw bad();

    /// <summary>One <c>bsnDO</c> as the docs show it: an object (the Tea SDK's <c>string[]</c> model passes objects through).</summary>
    private static object BsnDO(ServiceNumber n, ServiceNumbers numbers) => new
    {
        aliUid = long.Parse(n.HolderUid, CultureInfo.InvariantCulture), resourceType = n.ResourceType, resourceId = n.ResourceId,
        sn = n.Id, status = (int)numbers.StatusOf(n), beianNum = n.BeianNum ?? "", opSource = 2,
    };
}
