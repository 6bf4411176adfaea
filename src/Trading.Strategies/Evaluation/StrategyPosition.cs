using Trading.Engine.Primitives;

namespace Trading.Strategies.Evaluation;

/// <summary>
/// What the venue says the strategy holds in a symbol when a bar closes (read from its account, never assumed from its
/// own signals: a rejected entry leaves it flat). <see cref="LastExitAt"/> drives the cool-down.
/// </summary>
public sealed record StrategyPosition(PositionSide? Side, decimal Quantity, DateTimeOffset? OpenedAt, DateTimeOffset? LastExitAt)
{
    public static readonly StrategyPosition Flat = new(null, 0m, null, null);

    public bool IsFlat => Side is null;
}
