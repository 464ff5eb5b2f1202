namespace VirtualOperator.ContractTests.Harness;

/// <summary>Which costly tests may run against the real account.</summary>
[Flags]
public enum CostAllowance
{
    None = 0,
    Customers = 1,
    Money = 2,
    All = Customers | Money,
}

public static class CostAllowanceParser
{
    /// <summary><c>VO_ALLOW_COST</c>: empty, <c>customers</c>, <c>money</c>, <c>customers,money</c> or <c>all</c>.</summary>
    public static CostAllowance Parse(string? value)
    {
        var allowance = CostAllowance.None;
        foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            allowance |= part.ToLowerInvariant() switch
            {
                "customers" => CostAllowance.Customers,
                "money" => CostAllowance.Money,
                "all" => CostAllowance.All,
                _ => throw new Targets.TargetConfigurationException($"VO_ALLOW_COST=\"{value}\": \"{part}\" is not one of customers, money, all."),
            };
        return allowance;
    }

    public static bool Allows(this CostAllowance allowance, Cost cost) => cost switch
    {
        Cost.Free => true,
        Cost.ConsumesCustomer => allowance.HasFlag(CostAllowance.Customers),
        Cost.SpendsMoney => allowance.HasFlag(CostAllowance.Money),
        _ => false,
    };
}
