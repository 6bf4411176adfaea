using Trading.Engine.Execution;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// One fill of the backtest, numbered in the order it happened, with what pairing it with a paper fill needs: the bar
/// signal whose decision placed the order (a bracket exit carries its entry's), the bar close it was decided at, and
/// the latency the account simulated. The quote used, slippage and fee are in <see cref="Executed"/>.
/// </summary>
public sealed record BacktestFill(
    long Number, long OrderId, long? DecisionId, string? SignalKey, DateTimeOffset? DecidedAt, TimeSpan Latency, ExecutedFill Executed);
