using System.Globalization;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// Amounts as the credit service takes and gives them: decimal strings in yuan/dollars with at most two
/// places (the unit is 元/CNY in every budget doc; USD for the international site). Never a double.
/// </summary>
public static class Money
{
    /// <summary>Currencies a quota ledger may hold, with their places. [I] the docs show CNY only; USD is the intl site's.</summary>
    private static readonly Dictionary<string, int> Places = new(StringComparer.Ordinal) { ["CNY"] = 2, ["USD"] = 2 };

    /// <summary>Largest amount accepted, far above any real quota; keeps arithmetic clear of decimal overflow.</summary>
    public const decimal Max = 1_000_000_000_000m;

    public const string DefaultCurrency = "CNY";

    public static IReadOnlyCollection<string> Currencies => Places.Keys;

    /// <summary>The currency code, or ParameterError for one the credit service does not keep ledgers in.</summary>
    public static string Currency(string parameter, string value)
    {
        if (!Places.ContainsKey(value))
            throw BudgetErrors.ParameterError(parameter, $"\"{value}\" is not a supported currency; use one of {string.Join(", ", Places.Keys)}.");
        return value;
    }

    /// <summary>
    /// A non-negative amount with at most the currency's places: "10", "10.5", "10.50". Signs, exponents,
    /// spaces, thousands separators and extra places are refused (ParameterError), never rounded.
    /// </summary>
    public static decimal Amount(string parameter, string value, string currency, bool allowZero = true)
    {
        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            throw BudgetErrors.ParameterError(parameter, $"\"{value}\" is not a non-negative decimal amount.");
        if (amount.Scale > Places[currency] && amount != decimal.Round(amount, Places[currency]))
            throw BudgetErrors.ParameterError(parameter, $"\"{value}\" has more than {Places[currency]} decimal places for {currency}.");
        if (amount > Max)
            throw BudgetErrors.ParameterError(parameter, $"\"{value}\" exceeds the largest accepted amount ({Format(Max)}).");
        if (!allowZero && amount == 0)
            throw BudgetErrors.ParameterError(parameter, "The amount must be greater than zero.");
        return amount;
    }

    /// <summary>Two places, invariant culture: what the service answers in <c>Data</c> ("300.00").</summary>
    public static string Format(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
