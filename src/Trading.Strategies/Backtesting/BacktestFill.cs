using Trading.Engine.Execution;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// One fill of the backtest, numbered in the order it happened, with what pairing it with a paper fill needs: the bar
/// signal whose decision placed the order (a bracket exit carries its entry's), the bar close it was decided at; and, as
/// paper_fills records them, the simulated latency and the decision's price (its bar's close) on the fill that decision
/// priced (zero and null on later fills, such as a bracket's). The quote used, slippage and fee are in
/// <see cref="Executed"/>.
/// </summary>
public sealed record BacktestFill(
    long Number,
    long OrderId,
    long? DecisionId,
    string? SignalKey,
    DateTimeOffset? DecidedAt,
    TimeSpan Latency,
    decimal? DecisionPrice,
    ExecutedFill Executed);
