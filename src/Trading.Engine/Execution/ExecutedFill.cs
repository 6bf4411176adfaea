using Trading.Engine.Positions;
using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>
/// One fill of one order, as the journal emits it: its provenance, the trades it closed and its cash movements.
/// <see cref="OrderId"/> is provisional (from 2^62 up) for an order created in the same batch, until the writer
/// replaces it; <see cref="DecisionId"/> is the decision behind the order (for bracket exits, their entry's).
/// <see cref="Strategy"/> comes with the order; <see cref="DecisionPrice"/> is its decision's informational price on
/// the fills of orders the batch placed (none on an order loaded from storage); <see cref="Latency"/> is the simulated
/// latency on the fill its decision's delayed quote priced (zero on every later fill).
/// </summary>
public sealed record ExecutedFill(
    long OrderId,
    string Symbol,
    OrderSide Side,
    long? DecisionId,
    string? Agent,
    Fill Fill,
    IReadOnlyList<ClosedTrade> Trades,
    IReadOnlyList<LedgerEntry> Ledger,
    string? Strategy,
    decimal? DecisionPrice,
    TimeSpan Latency);
