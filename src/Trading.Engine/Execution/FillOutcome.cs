using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;

namespace Trading.Engine.Execution;

/// <summary>
/// What became of one fill: the order's new state, and either the journal's fill with the position afterwards (and a
/// note when the order was resized), or the refusal. <see cref="Fills"/> holds every level's fill of a book walk
/// (<see cref="Executed"/> is the first).
/// </summary>
internal sealed record FillOutcome(RestingOrder Order, ExecutedFill? Executed, Position? PositionAfter, string? Refusal, string? Note)
{
    public IReadOnlyList<ExecutedFill> Fills { get; init; } = Executed is null ? [] : [Executed];
}
