using Trading.Engine.Primitives;

namespace Trading.Strategies.Evaluation;

/// <summary>
/// A decision a strategy takes on a closed bar, ready to become a <c>trading_decisions</c> row (or a backtest order):
/// BUY/SELL to enter (with the bracket percentages of the config), CLOSE to exit. <see cref="Reasoning"/> names the
/// indicator values and the conditions that fired, so every trade can be explained.
/// </summary>
public sealed record StrategySignal(
    string Symbol,
    DateTimeOffset BarClose,
    DecisionAction Action,
    bool IsEntry,
    decimal Confidence,
    decimal? RiskScore,
    decimal? Quantity,
    decimal? Notional,
    decimal? StopLossPct,
    decimal? TakeProfitPct,
    decimal? TrailingStopPct,
    string Reasoning);
