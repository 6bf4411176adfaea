using Trading.Engine.Primitives;
using Trading.Strategies.Evaluation;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// A decision the strategy took in the backtest and how the engine ended it. <see cref="SignalKey"/> names the bar
/// signal (<c>SYMBOL:BARCLOSE</c>, as a paper session's idempotency key ends); <see cref="ExecutedAt"/> is the time of
/// the quote that priced it.
/// </summary>
public sealed record BacktestDecision(
    long Id, string SignalKey, StrategySignal Signal, DateTimeOffset ExecutedAt, DecisionStatus Status, string Reason);
