using System.Text.Json;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// Reseller budget management (BssOpenApi 2017-12-14, "Budget" group of the catalog): the credit a partner grants
/// each customer, what the customer consumed, its purchase status and its low-quota alarms. Money moves only in
/// <see cref="CreditLedger"/>; this file reads the wire parameters and shapes the answers.
/// </summary>
internal static class BudgetActions
{
    private const string QuotaBookItem = "CREDIT_QUOTA_BOOK_ITEM";
    private const string ConsumeBookItem = "CREDIT_CONSUME_BOOK_ITEM";

    /// <summary>Opens the customer's quota ledger (and its consumption ledger) with <c>Amount</c> granted.</summary>
    [Action(BssOpenApiServices.Product, BssOpenApiServices.Version, "CreateResellerUserQuota")]
    public static object CreateResellerUserQuota(ActionContext ctx) =>
        QuotaWrite(ctx, ctx.Params.RequiredString("Currency"), (ledger, customer, currency, amount) =>
            ledger.CreateQuota(ctx.PartnerUid, customer, currency, amount, ctx.Now));

    /// <summary>Sets the granted quota of an existing ledger to <c>Amount</c> (not an increment); consumption is kept.</summary>
    [Action(BssOpenApiServices.Product, BssOpenApiServices.Version, "SetResellerUserQuota")]
    public static object SetResellerUserQuota(ActionContext ctx) =>
        // The doc says Currency need not be set: the ledger is the CNY one then.
        QuotaWrite(ctx, ctx.Params.String("Currency") ?? Money.DefaultCurrency, (ledger, customer, currency, amount) =>
            ledger.WithCustomerLock(customer, () =>
            {
                // [I] the quota must have been created first (CreateResellerUserQuota is the documented way to open it).
                if (ledger.Get(customer, currency) is null) throw BudgetErrors.NoQuota(customer, currency);
                return ledger.SetQuota(ctx.PartnerUid, customer, currency, amount, ctx.Now);
            }));

    /// <summary>
    /// The customer's available quota as a decimal string ("20000.00"). [I] the CNY ledger, or the customer's other
    /// ledger when it has no CNY one, "0.00" with none; <c>ItemCodes</c> naming only CREDIT_QUOTA_BOOK_ITEM answers the granted total.
    /// </summary>
    [Action(BssOpenApiServices.Product, BssOpenApiServices.Version, "QueryResellerAvailableQuota")]
    public static object QueryResellerAvailableQuota(ActionContext ctx)
    {
        var customer = OwnCustomer(ctx);
        var items = ItemCodes(ctx.Params.String("ItemCodes"));
        var ledgers = ctx.Get<CreditLedger>().ForCustomer(customer);
        var ledger = ledgers.FirstOrDefault(l => l.Currency == Money.DefaultCurrency) ?? ledgers.OrderBy(l => l.Currency, StringComparer.Ordinal).FirstOrDefault();
        var quotaOnly = items.Count > 0 && items.All(i => i == QuotaBookItem);
        var value = ledger is null ? 0m : quotaOnly ? ledger.Quota : ledger.Available;
        return BssResponse.Ok(ctx, Money.Format(value));
    }

    /// <summary>
    /// Moves the customer's consumption up (<c>increase</c>: it consumed) or down (<c>decrease</c>: it paid back).
    /// Answers the consumption after the change, as the doc's <c>Data</c> ("修改后对应的 quota 账本消费额度").
    /// </summary>
    [Action(BssOpenApiServices.Product, BssOpenApiServices.Version, "ChangeResellerConsumeAmount")]
    public static object ChangeResellerConsumeAmount(ActionContext ctx)
    {
        var customer = ManagedCustomer(ctx);
        var adjustType = ctx.Params.RequiredString("AdjustType");
        var increase = adjustType switch
        {
            "increase" => true,
            "decrease" => false,
            _ => throw BudgetErrors.ParameterError("AdjustType", $"\"{adjustType}\" is not increase or decrease."),
        };
        var currency = Money.Currency("Currency", ctx.Params.RequiredString("Currency"));
        var amount = Money.Amount("Amount", ctx.Params.RequiredString("Amount"), currency, allowZero: false);
        var businessType = ctx.Params.RequiredString("BusinessType");
        var source = ctx.Params.RequiredString("Source");
        var extendMap = ctx.Params.String("ExtendMap");
        var outBizId = ctx.Params.RequiredString("OutBizId");
        var ledger = ctx.Get<CreditLedger>();
        // The customer's lock is held until the change and its OutBizId record have committed (see OutBizIdRegistry.Once).
        var consumed = ledger.WithCustomerLock(customer, () => ctx.Get<OutBizIdRegistry>().Once(ctx.PartnerUid, ctx.Action.Action, outBizId,
            Content(customer, adjustType, currency, Money.Format(amount), businessType, source, extendMap ?? ""), ctx.Now,
            () => Money.Format(ledger.ChangeConsumption(customer, currency, increase, amount, ctx.Now).Consumed)));
        return BssResponse.Ok(ctx, consumed);
    }

    /// <summary>
    /// <c>FREEZE</c> + <c>Freeze</c>/<c>Thaw</c> stops or resumes the customer (purchases, and writes signed with its STS
    /// credentials, fail while stopped); <c>TRUSTEESHIP</c> + <c>Trusteeship</c>/<c>TrusteeshipCancel</c> records hosting.
    /// </summary>
    [Action(BssOpenApiServices.Product, BssOpenApiServices.Version, "SetResellerUserStatus")]
    public static object SetResellerUserStatus(ActionContext ctx)
    {
        var customer = ManagedCustomer(ctx);
        var businessType = ctx.Params.RequiredString("BusinessType");
        var status = ctx.Params.RequiredString("Status");
        var change = (businessType, status) switch
        {
            ("FREEZE", "Freeze") => CustomerStatusChange.Freeze,
            ("FREEZE", "Thaw") => CustomerStatusChange.Thaw,
            ("TRUSTEESHIP", "Trusteeship") => CustomerStatusChange.Trusteeship,
            ("TRUSTEESHIP", "TrusteeshipCancel") => CustomerStatusChange.TrusteeshipCancel,
            ("FREEZE" or "TRUSTEESHIP", _) => throw BudgetErrors.ParameterError("Status",
                $"\"{status}\" is not a status of the {businessType} business (FREEZE: Freeze, Thaw; TRUSTEESHIP: Trusteeship, TrusteeshipCancel)."),
            _ => throw BudgetErrors.ParameterError("BusinessType", $"\"{businessType}\" is not FREEZE or TRUSTEESHIP."),
        };
        var stopMode = ctx.Params.String("StopMode");
        if (stopMode is not (null or "0" or "1"))
            throw BudgetErrors.ParameterError("StopMode", $"\"{stopMode}\" is not 0 (normal stop) or 1 (immediate stop).");
        // The status and its message: one change (the customer's lock is taken before the unit's first write).
        ctx.Get<Storage.EmulatorDatabase>().Atomic(() =>
        {
            var s = ctx.Get<CreditLedger>().ApplyStatus(ctx.PartnerUid, customer, change, stopMode, ctx.Now);
            if (change is CustomerStatusChange.Freeze or CustomerStatusChange.Thaw)
                ctx.Get<Messages.PartnerEvents>().Record(ctx.PartnerUid,
                    change == CustomerStatusChange.Freeze ? Messages.PartnerEventTypes.CustomerStopped : Messages.PartnerEventTypes.CustomerResumed,
                    new { CustomerUid = customer, Status = s.Status, StopMode = s.StopMode }, ctx.Now);
        });
        return BssResponse.Ok(ctx, true);
    }

    /// <summary>Replaces the customer's low-quota alarm rules; an absent <c>AlarmThresholds</c> removes them.</summary>
    [Action(BssOpenApiServices.Product, BssOpenApiServices.Version, "SetResellerUserAlarmThreshold")]
    public static object SetResellerUserAlarmThreshold(ActionContext ctx)
    {
        var customer = ManagedCustomer(ctx);
        var alarmType = ctx.Params.RequiredString("AlarmType");
        // The only documented type (help.aliyun.com 472963); [I] others are refused rather than stored unused.
        if (alarmType != BudgetAlarms.LowBalance)
            throw BudgetErrors.ParameterError("AlarmType", $"\"{alarmType}\" is not a supported alarm type; use {BudgetAlarms.LowBalance}.");
        var thresholds = AlarmThreshold.ParseList(ctx.Params.String("AlarmThresholds"));
        ctx.Get<CreditLedger>().SetAlarmThresholds(ctx.PartnerUid, customer, alarmType, thresholds, ctx.Now);
        return BssResponse.Ok(ctx, true);
    }

    /// <summary>The quota writes: validate, then apply once per OutBizId (optional here); <c>Data</c> is <c>true</c>.</summary>
    private static object QuotaWrite(ActionContext ctx, string currencyText, Func<CreditLedger, string, string, decimal, CustomerCredit> apply)
    {
        var customer = ManagedCustomer(ctx);
        var currency = Money.Currency("Currency", currencyText);
        var amount = Money.Amount("Amount", ctx.Params.RequiredString("Amount"), currency);
        var ledger = ctx.Get<CreditLedger>();
        ledger.WithCustomerLock(customer, () => ctx.Get<OutBizIdRegistry>().Once(ctx.PartnerUid, ctx.Action.Action, ctx.Params.String("OutBizId"),
            Content(customer, currency, Money.Format(amount)), ctx.Now, () =>
            {
                apply(ledger, customer, currency, amount);
                return "true";
            }));
        return BssResponse.Ok(ctx, true);
    }

    /// <summary>
    /// The customer a partner manages: <c>OwnerId</c>, one of the caller's customers. [I] a customer's own STS
    /// credentials may not manage its budget (NotApplicable, the reseller APIs' answer to a non-reseller caller).
    /// </summary>
    private static string ManagedCustomer(ActionContext ctx)
    {
        if (ctx.CustomerUid is not null) throw BudgetErrors.NotApplicable();
        return OwnCustomer(ctx);
    }

    private static string OwnCustomer(ActionContext ctx) => ctx.Get<CustomerScope>().Required(ctx);

    private static IReadOnlyList<string> ItemCodes(string? json)
    {
        if (json is null) return [];
        try
        {
            var items = JsonSerializer.Deserialize<List<string>>(json) ?? [];
            var unknown = items.FirstOrDefault(i => i is not (QuotaBookItem or ConsumeBookItem));
            if (unknown is not null) throw BudgetErrors.ParameterError("ItemCodes", $"\"{unknown}\" is not {QuotaBookItem} or {ConsumeBookItem}.");
            return items;
        }
        catch (JsonException)
        {
            throw BudgetErrors.ParameterError("ItemCodes", $"it is not a JSON array of ledger item codes such as [\"{QuotaBookItem}\"].");
        }
    }

    /// <summary>What makes two calls with one OutBizId "the same call".</summary>
    private static string Content(params string[] parts) => JsonSerializer.Serialize(parts);
}
