using Trading.Engine.Positions;
using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>
/// What an executed decision's order did on arrival: the side, type and quantity it asked for, its fills as the journal
/// holds them (one per book level it walked, the same records, not copies; <see cref="Executed"/> is the first), and the
/// position afterwards (null when flat).
/// </summary>
public sealed record ExecutedOrder(OrderSide Side, OrderType Type, decimal RequestedQuantity, IReadOnlyList<ExecutedFill> Fills, Position? PositionAfter)
{
    public ExecutedFill Executed => Fills[0];

    public decimal FilledQuantity => Fills.Sum(f => f.Fill.Quantity);

    /// <summary>The first (or only) fill: the touch's.</summary>
    public Fill Fill => Executed.Fill;

    /// <summary>The trades the fills closed (a flip closes one, then opens the other side).</summary>
    public IReadOnlyList<ClosedTrade> Trades => [.. Fills.SelectMany(f => f.Trades)];

    public IReadOnlyList<LedgerEntry> Ledger => [.. Fills.SelectMany(f => f.Ledger)];
}
