using Trading.Engine.Execution;

namespace Trading.Data.Execution;

/// <summary>
/// A claimed decision: what the engine needs (the agent included), plus the strategy the trade rows carry, and the moment
/// its price is taken from when that is not its creation (a replayed strategy bar's close).
/// </summary>
public sealed record PendingDecision(DecisionRequest Request, string? Strategy, int Attempts, DateTimeOffset? PriceAsOf = null)
{
    /// <summary>When the decision's price clock starts: the first quote at or after this plus the account's latency.</summary>
    public DateTimeOffset PriceClock => PriceAsOf ?? Request.CreatedAt;
}
