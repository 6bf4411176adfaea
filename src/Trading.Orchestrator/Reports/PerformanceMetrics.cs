namespace Trading.Orchestrator.Reports;

/// <summary>
/// An account's performance over a window, with the definitions of v_paper_performance_metrics (net P&amp;L after
/// fees; Sharpe and Sortino on daily returns × √365; drawdown from the running peak of the equity curve).
/// Null where a figure is undefined (no trades, no loss, fewer than two days).
/// </summary>
public sealed record PerformanceMetrics(
    string Account,
    DateTimeOffset? From,
    DateTimeOffset? To,
    long TotalTrades,
    long WinningTrades,
    long LosingTrades,
    decimal? WinRate,
    decimal TotalPnl,
    decimal TotalFees,
    decimal? AverageWin,
    decimal? AverageLoss,
    decimal? ProfitFactor,
    decimal? Expectancy,
    TimeSpan? AverageTradeDuration,
    decimal? TradesPerDay,
    decimal? SharpeRatio,
    decimal? SortinoRatio,
    decimal MaxDrawdownPct,
    decimal MaxDrawdown,
    long DaysWithSnapshots,
    decimal DaysCovered,
    decimal? StartEquity,
    decimal? EndEquity,
    decimal? ReturnPct);
