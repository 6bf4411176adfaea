using Trading.Engine.Positions;
using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>
/// One fill of one order, as applied to the account: its provenance, the trades it closed and its cash movements.
/// <see cref="OrderId"/> is provisional (from 2^62 up) for an order created in the same batch, until the writer
/// replaces it; <see cref="DecisionId"/> is the decision behind the order (for bracket exits, their entry's).
/// </summary>
public sealed record ExecutedFill(
    long OrderId,
    string Symbol,
    OrderSide Side,
    long? DecisionId,
    string? Agent,
    Fill Fill,
    IReadOnlyList<ClosedTrade> Trades,
    IReadOnlyList<LedgerEntry> Ledger);
