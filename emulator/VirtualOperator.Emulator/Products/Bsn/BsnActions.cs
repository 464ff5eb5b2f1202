using System.Globalization;
using VirtualOperator.Emulator.Api.Bsn;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.Bsn;

/// <summary>
/// ICP filing service numbers (Bsn 2015-05-12, dd/143224-143226, dd/2833157). Names on the wire are lower camelCase
/// (<c>aliuid</c>, <c>datas.bsnDO</c>, <c>requestId</c>) except GrantBsnCode's; pop-core capitalizes them, so they are
/// matched either way (ActionCatalog.IgnoresNameCase; the generated requests read through the same parameters).
/// Errors are Bsn's numeric codes (<see cref="BsnErrors"/>). Answers are built by <see cref="BsnWire"/>.
/// </summary>
internal static class BsnActions
{
    /// <summary>Issues <c>num</c> (1-20) service numbers for a Running instance of the customer with a public IP.</summary>
    [Action(BsnServices.Product, BsnServices.Version, "ProductBindBsn")]
    public static ProductBindBsnResponse ProductBindBsn(ActionContext ctx)
    {
        var req = ProductBindBsnRequest.Of(ctx);
        var aliuid = Customer(ctx, Uid(req.Aliuid, "aliuid"));
        var num = Int(() => req.Num, BsnErrors.NumOutOfRange);
        var resourceType = Int(() => req.ResourceType, () => BsnErrors.IllegalRequest("resourceType must be an integer."));
        var numbers = ctx.Get<ServiceNumbers>();
        var issued = numbers.Bind(ctx.PartnerUid, aliuid, req.ResourceId, resourceType, num, ctx.Now);
        return new ProductBindBsnResponse
        {
            RequestId = ctx.RequestId,
            Datas = new() { BsnDO = issued.Select(n => BsnWire.Issued(n, numbers)).ToList() },
        };
    }

    /// <summary>The numbers of one resource that the customer holds (a granted number shows under its new holder) [I].</summary>
    [Action(BsnServices.Product, BsnServices.Version, "GetBsnByResource")]
    public static GetBsnByResourceResponse GetBsnByResource(ActionContext ctx)
    {
        var req = GetBsnByResourceRequest.Of(ctx);
        var aliuid = Customer(ctx, Uid(req.Aliuid, "aliuid"));
        var resourceId = req.ResourceId;
        var resourceType = Int(() => req.ResourceType, () => BsnErrors.IllegalRequest("resourceType must be an integer."));
        if (resourceType is < 1 or > ServiceNumbers.LastDocumentedType)
            throw BsnErrors.IllegalRequest($"resourceType {resourceType} is not one of the documented types 1-9.");
        var numbers = ctx.Get<ServiceNumbers>();
        var all = numbers.OfResource(ctx.PartnerUid, resourceId).Where(n => n.ResourceType == resourceType).ToList();
        if (all.Count == 0 && numbers.Resource(ctx.PartnerUid, resourceId) is null) throw BsnErrors.InvalidInstance(resourceId);
        // No RequestId: neither the doc nor the SDK models one for this answer (it is in the x-acs-request-id header).
        return new GetBsnByResourceResponse
        {
            Datas = new() { BsnDO = all.Where(n => n.HolderUid == aliuid).Select(n => BsnWire.Held(n, numbers)).ToList() },
        };
    }

    /// <summary>One number by its value (documented, dd/143225); a customer's STS call sees only the numbers it holds (616).</summary>
    [Action(BsnServices.Product, BsnServices.Version, "GetBsnBySn")]
    public static GetBsnBySnResponse GetBsnBySn(ActionContext ctx) => LookUp(ctx, GetBsnBySnRequest.Of(ctx).Sn);

    /// <summary>
    /// [I] Not public: emulated as GetBsnBySn (the lookup of one number), with an optional <c>aliuid</c> (616 when not its
    /// holder). The catalog lists neither its parameters nor its answer, so it reads <c>sn</c> by name (602 when missing, as
    /// the catalog check answers GetBsnBySn) and answers GetBsnBySn's generated type.
    /// </summary>
    [Action(BsnServices.Product, BsnServices.Version, "GetBsnSySn")]
    public static GetBsnBySnResponse GetBsnSySn(ActionContext ctx) =>
        LookUp(ctx, ctx.Params.String("sn") ?? throw BsnErrors.RequiredParameterEmpty("sn"));

    private static GetBsnBySnResponse LookUp(ActionContext ctx, string sn)
    {
        var numbers = ctx.Get<ServiceNumbers>();
        var n = numbers.Get(ctx.PartnerUid, sn) ?? throw BsnErrors.ServiceCodeNotFound(sn);
        // aliuid is not in either action's catalog entry: an optional check [I], read by name.
        var asking = ctx.CustomerUid ?? (ctx.Params.String("aliuid") is { } named ? Customer(ctx, named) : null);
        if (asking is not null && n.HolderUid != asking) throw BsnErrors.NotOfAccount(sn, asking);
        return BsnWire.LookedUp(n, numbers);
    }

    /// <summary>The holder (<c>AliUid</c>) grants a bound number to another customer of the same partner (<c>GrantToAliuid</c>).</summary>
    [Action(BsnServices.Product, BsnServices.Version, "GrantBsnCode")]
    public static GrantBsnCodeResponse GrantBsnCode(ActionContext ctx)
    {
        var req = GrantBsnCodeRequest.Of(ctx);
        var from = Customer(ctx, Uid(req.AliUid, "AliUid"));
        var to = Uid(req.GrantToAliuid, "GrantToAliuid");
        if (!ctx.Get<CustomerScope>().Owns(ctx.PartnerUid, to)) throw BsnErrors.GrantTargetInvalid(to);
        var sn = req.Sn;
        var notes = req.Notes;
        ctx.Get<ServiceNumbers>().Grant(ctx.PartnerUid, sn, from, to, notes, ctx.Now);
        return new GrantBsnCodeResponse
        {
            RequestId = ctx.RequestId, Sn = sn, AliUid = BsnWire.Uid(from), GrantToAliuid = BsnWire.Uid(to), Notes = notes ?? "", Success = true,
        };
    }

    /// <summary>
    /// The customer a call names: one of the partner's customers (401 otherwise); a customer's own STS call may name
    /// only itself (604, "the binding account differs from the caller").
    /// </summary>
    private static string Customer(ActionContext ctx, string uid) =>
        ctx.Get<CustomerScope>().Judge(ctx, uid).Verdict switch
        {
            ScopeVerdict.Mine => uid,
            ScopeVerdict.NotTheCaller => throw BsnErrors.NotTheCaller(uid),
            _ => throw BsnErrors.InvalidAccount(uid),
        };

    /// <summary>A customer id parameter as the customer scope knows it (the catalog check has refused a missing or non-numeric one).</summary>
    private static string Uid(long? value, string name) =>
        value?.ToString(CultureInfo.InvariantCulture) ?? throw BsnErrors.RequiredParameterEmpty(name);

    /// <summary>
    /// An Integer parameter. The catalog check has refused a missing or non-numeric one (602, 506); a number past Int32, which
    /// it lets through as a Long, is refused with the action's own code instead of the gateway's InvalidParameter.
    /// </summary>
    private static int Int(Func<int?> read, Func<ApiException> bad)
    {
        try { return read() ?? throw bad(); }
        catch (ApiException e) when (e.Code == "InvalidParameter") { throw bad(); }
    }
}
