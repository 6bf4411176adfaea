using Trading.Engine.Primitives;

namespace Trading.Strategies.Comparisons;

/// <summary>
/// A closed trade of either side, as paper_trades records it (gross P&amp;L, fees, net = gross − fees), with the signal
/// keys of the decisions that opened and closed it (<see cref="Backtesting.SignalKeys"/>; null when no signal did, e.g. a bracket exit)
/// and the fills at its entry and its exit when they are known.
/// </summary>
public sealed record ComparedTrade(
    string Symbol,
    PositionSide Side,
    decimal Quantity,
    decimal EntryPrice,
    decimal ExitPrice,
    DateTimeOffset EntryTime,
    DateTimeOffset ExitTime,
    decimal GrossPnl,
    decimal Fees,
    decimal NetPnl,
    string? EntryKey,
    string? ExitKey,
    ComparedFill? Entry,
    ComparedFill? Exit)
{
    /// <summary>+1 for a long, −1 for a short: what a price rise does to the trade.</summary>
    public int Direction => Side == PositionSide.Long ? 1 : -1;
}
