using Trading.Engine.Positions;
using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>
/// What an executed decision's order did on arrival: the side, type and quantity it asked for, its fill as the journal
/// holds it (<see cref="Executed"/>, the same record, not a copy), and the position afterwards (null when flat).
/// </summary>
public sealed record ExecutedOrder(OrderSide Side, OrderType Type, decimal RequestedQuantity, ExecutedFill Executed, Position? PositionAfter)
{
    public decimal FilledQuantity => Executed.Fill.Quantity;

    public Fill Fill => Executed.Fill;

    /// <summary>The trades the fill closed (a flip closes one, then opens the other side).</summary>
    public IReadOnlyList<ClosedTrade> Trades => Executed.Trades;

    public IReadOnlyList<LedgerEntry> Ledger => Executed.Ledger;
}
