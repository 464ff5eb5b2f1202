using System.Globalization;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.BssOpenApi;

/// <summary>How a call stands towards the customer it names.</summary>
public enum ScopeVerdict
{
    /// <summary>One of the partner's customers (or the STS caller itself).</summary>
    Mine,
    /// <summary>A partner's own keys named no customer: the call is about every customer of the partner.</summary>
    NoneNamed,
    /// <summary>Named a uid that is not one of the partner's customers (another partner's included).</summary>
    NotMine,
    /// <summary>A customer's STS credentials named another customer.</summary>
    NotTheCaller,
}

/// <param name="Uid">The customer the call is about (the named uid for a refusal; null for <see cref="ScopeVerdict.NoneNamed"/>).</param>
public readonly record struct ScopedCustomer(string? Uid, ScopeVerdict Verdict);

/// <summary>
/// The one answer to "is this customer mine?", for every product. A partner's own keys act on the customer they
/// name (OwnerId, AliyunPk, aliUid… as the product spells it), which must be one of the partner's customers; a
/// customer's STS credentials act on that customer only, whatever they name. Products with their own error codes
/// (Bsn, Workorder, STS) map <see cref="Judge"/>'s verdict; the BSS-style products use the wrappers, which answer
/// <c>InvalidOwner</c> as the BSS reseller APIs do.
/// </summary>
public sealed class CustomerScope(CustomerStore customers)
{
    public bool Owns(string partnerUid, string customerUid) => customers.IsCustomerOf(partnerUid, customerUid);

    /// <summary>The verdict on a call that names <paramref name="named"/> (null: names none).</summary>
    public ScopedCustomer Judge(ActionContext ctx, string? named)
    {
        if (ctx.CustomerUid is { } self)
            return named is null || named == self ? new(self, ScopeVerdict.Mine) : new(named, ScopeVerdict.NotTheCaller);
        if (named is null) return new(null, ScopeVerdict.NoneNamed);
        return Owns(ctx.PartnerUid, named) ? new(named, ScopeVerdict.Mine) : new(named, ScopeVerdict.NotMine);
    }

    /// <summary>
    /// Whose resources a call may see or change: one customer, or (null) every customer of the partner. Under STS
    /// credentials every one of <paramref name="parameters"/> is checked against the caller; a partner's own keys are
    /// judged by the first of them present. Default parameter: OwnerId.
    /// </summary>
    public string? Visible(ActionContext ctx, params string[] parameters)
    {
        if (parameters.Length == 0) parameters = ["OwnerId"];
        ScopedCustomer? first = null;
        foreach (var p in parameters)
        {
            var verdict = Judge(ctx, ctx.Params.String(p));
            if (verdict.Verdict is ScopeVerdict.NotTheCaller) throw AccountErrors.InvalidOwner();
            if (verdict.Verdict is not ScopeVerdict.NoneNamed && ctx.Params.Has(p)) first ??= verdict;
        }
        var decided = first ?? Judge(ctx, null);
        return decided.Verdict switch
        {
            ScopeVerdict.Mine => decided.Uid,
            ScopeVerdict.NoneNamed => null,
            _ => throw AccountErrors.InvalidOwner(),
        };
    }

    /// <summary>
    /// The customer a purchase or change is for: <see cref="Visible"/>, which must name one. [I] a partner's own call
    /// without a customer is refused: emulated partners hold no credit of their own.
    /// </summary>
    public string Buyer(ActionContext ctx, Func<ApiException> ownerRequired, params string[] parameters) =>
        Visible(ctx, parameters) ?? throw ownerRequired();

    /// <summary>The customer named by <paramref name="parameter"/> (or the STS caller); MissingParameter when none.</summary>
    public string Required(ActionContext ctx, string parameter = "OwnerId") =>
        Visible(ctx, parameter) ?? throw CommonErrors.MissingParameter(parameter);

    /// <summary><see cref="Required"/> with its document; the uid must be a number, as account uids are.</summary>
    public Customer RequiredCustomer(ActionContext ctx, string parameter = "OwnerId")
    {
        if (ctx.Params.String(parameter) is { } named && !ulong.TryParse(named, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw CommonErrors.InvalidParameter(parameter, "It must be a customer account uid.");
        var uid = Required(ctx, parameter);
        return customers.GetForPartner(ctx.PartnerUid, uid) ?? throw AccountErrors.InvalidOwner();
    }
}
