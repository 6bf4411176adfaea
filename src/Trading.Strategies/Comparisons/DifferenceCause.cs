namespace Trading.Strategies.Comparisons;

/// <summary>Why paper's P&amp;L differs from the backtest's: the steps of the bridge between them.</summary>
public enum DifferenceCause
{
    /// <summary>The price moved between the signal's quote and the quote each side filled at, by different amounts (latency).</summary>
    Latency,

    /// <summary>The sides saw different prices for the same moment: the signal's own price differed, or a bracket order filled on a different quote.</summary>
    DifferentQuote,

    /// <summary>A different half spread was crossed.</summary>
    Spread,

    /// <summary>A different slippage was charged inside the fill price.</summary>
    Slippage,

    /// <summary>Different fees.</summary>
    Fees,

    /// <summary>A different quantity because an order filled only in part.</summary>
    PartialFill,

    /// <summary>A different quantity from sizing (the equity it was sized on differed).</summary>
    Size,

    /// <summary>A backtest trade paper has no fill for.</summary>
    NoFill,

    /// <summary>A paper trade the backtest does not have.</summary>
    ExtraTrade,

    /// <summary>What the prices' rounding to 10 places and averaging over several fills leave (fractions of a cent).</summary>
    Rounding,
}
