using Trading.Engine.Execution;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// One fill of the backtest, numbered in the order it happened, with what pairing it with a paper fill needs: the bar
/// signal whose decision placed the order (a bracket exit carries its entry's), the bar close it was decided at. The
/// quote used, slippage, fee, the simulated latency and the decision's price (its bar's close) are the engine's, as
/// paper_fills records them (<see cref="Executed"/>).
/// </summary>
public sealed record BacktestFill(
    long Number,
    long OrderId,
    long? DecisionId,
    string? SignalKey,
    DateTimeOffset? DecidedAt,
    ExecutedFill Executed)
{
    /// <summary>The simulated latency on the fill its decision's delayed quote priced; zero on later fills.</summary>
    public TimeSpan Latency => Executed.Latency;

    /// <summary>The decision's informational price (its bar's close).</summary>
    public decimal? DecisionPrice => Executed.DecisionPrice;
}
