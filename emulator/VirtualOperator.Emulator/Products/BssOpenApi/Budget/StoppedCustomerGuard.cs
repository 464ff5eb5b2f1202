using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// While a customer is stopped (SetResellerUserStatus FREEZE/Freeze), calls signed with that customer's STS
/// credentials that change state fail with Forbidden.UserStopped, in every product; reads keep working.
/// The partner's own keys are not affected here (its purchases for the customer are refused by <see cref="CreditLedger.Charge"/>).
/// </summary>
public sealed class StoppedCustomerGuard(CreditLedger ledger) : IActionGuard
{
    /// <summary>
    /// [I] Alibaba Cloud names its read-only APIs with these verbs (Query…, Describe…, Get…, List…); everything else
    /// (Create, Set, Change, Modify, Renew, Cancel, Delete, Subscribe…) is treated as a write.
    /// </summary>
    private static readonly string[] ReadVerbs = ["Query", "Describe", "Get", "List", "Check", "Inquiry", "Search"];

    public void Check(ActionContext ctx)
    {
        if (ctx.CustomerUid is not { } customer || IsRead(ctx.Action.Action)) return;
        if (ledger.IsStopped(customer)) throw BudgetErrors.CustomerStoppedWrite(customer, ctx.Action.Action);
    }

    public static bool IsRead(string action) =>
        ReadVerbs.Any(v => action.StartsWith(v, StringComparison.Ordinal) && action.Length > v.Length && char.IsUpper(action[v.Length]));
}
