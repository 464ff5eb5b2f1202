namespace VirtualOperator.Emulator.Products.Bsn;

/// <summary>
/// Limits and durations of ICP service numbers and filings (section <c>Bsn</c>), all inferred [I]: the per-instance
/// quota is "in the business agreement" (not public), and no source gives review times (docs/icp-filing.md).
/// </summary>
public sealed class BsnOptions
{
    public const string Section = "Bsn";

    /// <summary>Service numbers one instance may have in all (ProductBindBsn answers 609 past it) [I].</summary>
    public int NumbersPerInstance { get; set; } = 20;

    /// <summary>Virtual hours from submission until the filing goes under review (the provider's first check) [I].</summary>
    public int FirstCheckHours { get; set; } = 24;

    /// <summary>Virtual days from submission until an undecided filing is approved (the authority's review) [I].</summary>
    public int ReviewDays { get; set; } = 20;
}
