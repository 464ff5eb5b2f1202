using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// A bundle import can give a customer rules that this cache remembers it had none of; every reset forgets the cache
/// (it is refilled by the next quota change of each customer).
/// </summary>
public sealed partial class BudgetAlarms : IStateReset
{
    public void OnReset(string? partnerUid) => _withoutRules.Clear();
}
