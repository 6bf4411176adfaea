using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;

namespace Trading.Engine.Execution;

/// <summary>
/// What became of one fill: the order's new state, and either the journal's fill with the position afterwards (and a
/// note when the order was resized), or the refusal.
/// </summary>
internal sealed record FillOutcome(RestingOrder Order, ExecutedFill? Executed, Position? PositionAfter, string? Refusal, string? Note);
