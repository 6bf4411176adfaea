using Trading.Engine.Positions;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// A round trip the backtest closed: <see cref="SignalKey"/> is the signal behind the closing fill's decision (as a
/// paper trade's decision_id leads to its decision's idempotency key), <see cref="EntrySignalKey"/> the signal that
/// opened the position.
/// </summary>
public sealed record BacktestTrade(long Number, long FillNumber, long CloseOrderId, long? DecisionId, string? SignalKey, string? EntrySignalKey, ClosedTrade Trade);
