using Trading.Engine.Positions;
using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>
/// The order an executed decision produced, its fill, the trades it closed (a flip closes one,
/// then opens the other side), its cash movements and the position afterwards (null when flat).
/// </summary>
public sealed record ExecutedOrder(
    OrderSide Side,
    OrderType Type,
    decimal RequestedQuantity,
    decimal FilledQuantity,
    Fill Fill,
    IReadOnlyList<ClosedTrade> Trades,
    IReadOnlyList<LedgerEntry> Ledger,
    Position? PositionAfter);
