namespace Trading.Strategies.Comparisons;

/// <summary>The names of <see cref="DifferenceCause"/> in reports and JSON (snake case, one spelling).</summary>
public static class CauseNames
{
    public static string Of(DifferenceCause cause) => cause switch
    {
        DifferenceCause.Latency => "latency",
        DifferenceCause.DifferentQuote => "different_quote",
        DifferenceCause.Spread => "spread",
        DifferenceCause.Slippage => "slippage",
        DifferenceCause.Fees => "fees",
        DifferenceCause.PartialFill => "partial_fill",
        DifferenceCause.Size => "size",
        DifferenceCause.NoFill => "no_fill",
        DifferenceCause.ExtraTrade => "extra_trade",
        DifferenceCause.Rounding => "rounding",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };
}
