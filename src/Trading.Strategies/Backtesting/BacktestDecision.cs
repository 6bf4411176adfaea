using Trading.Engine.Primitives;
using Trading.Strategies.Evaluation;

namespace Trading.Strategies.Backtesting;

/// <summary>A decision the strategy took in the backtest and how the engine ended it.</summary>
public sealed record BacktestDecision(long Id, DateTimeOffset BarClose, StrategySignal Signal, DecisionStatus Status, string Reason);
