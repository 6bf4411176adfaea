namespace Trading.Strategies.Comparisons;

/// <summary>
/// Seed 004's COMPARE figures of one side, with v_paper_performance_metrics' definitions so a paper account's figures
/// here equal the view's: win rate and profit factor over net P&amp;L (after fees), expectancy = net P&amp;L per trade,
/// Sharpe and Sortino on daily returns × √365, max drawdown from the running peak of the equity curve (a negative
/// percent). Average slippage is Σ slippage cost / Σ notional of every fill, in basis points. Null where undefined.
/// </summary>
public sealed record SideMetrics(
    long Trades,
    long WinningTrades,
    long LosingTrades,
    decimal? WinRate,
    decimal? ProfitFactor,
    decimal? Expectancy,
    decimal TotalPnl,
    decimal TotalFees,
    decimal MaxDrawdownPct,
    decimal MaxDrawdown,
    decimal? SharpeRatio,
    decimal? SortinoRatio,
    long Days,
    decimal SlippageCost,
    decimal? AverageSlippageBps,
    decimal? ReturnPct);
