using Trading.Engine.Primitives;

namespace Trading.Engine.Positions;

/// <summary>
/// A realised round trip on the closed quantity. <see cref="Side"/> is the side of the position
/// that was closed. NetPnl = GrossPnl − EntryFees − ExitFees.
/// </summary>
public sealed record ClosedTrade(
    string Symbol,
    PositionSide Side,
    decimal Quantity,
    decimal EntryCost,
    decimal ExitNotional,
    decimal AverageEntryPrice,
    decimal ExitPrice,
    DateTimeOffset EntryTime,
    DateTimeOffset ExitTime,
    decimal GrossPnl,
    decimal EntryFees,
    decimal ExitFees)
{
    public decimal NetPnl => GrossPnl - EntryFees - ExitFees;
}
