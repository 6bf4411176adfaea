namespace Trading.Strategies.Comparisons;

/// <summary>
/// Paper's fill price − the backtest's, per unit, split into its causes; the parts sum to <see cref="Total"/> exactly.
/// With both fills known: spread and slippage are the differences of each side's own; the mids' difference is the
/// signal's price difference (different quote) plus the rest, how much more the price moved from the signal to the
/// quote used on paper than in the backtest (latency). Without a signal price on both sides (a bracket exit), the mids'
/// difference is all different quote; without both fills, the whole difference is.
/// </summary>
public sealed record PriceDifference(decimal Latency, decimal DifferentQuote, decimal Spread, decimal Slippage)
{
    public decimal Total => Latency + DifferentQuote + Spread + Slippage;

    public static PriceDifference Between(ComparedFill? backtest, ComparedFill? paper, decimal backtestPrice, decimal paperPrice)
    {
        if (backtest is null || paper is null)
        {
            return new PriceDifference(0m, paperPrice - backtestPrice, 0m, 0m);
        }

        var mids = paper.Mid - backtest.Mid;
        var quote = paper.SignalPrice is { } ps && backtest.SignalPrice is { } bs ? ps - bs : mids;
        return new PriceDifference(mids - quote, quote, paper.SpreadPerUnit - backtest.SpreadPerUnit, paper.SlippagePerUnit - backtest.SlippagePerUnit);
    }
}
