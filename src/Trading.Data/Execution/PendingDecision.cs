using Trading.Engine.Execution;

namespace Trading.Data.Execution;

/// <summary>
/// A claimed decision: what the engine needs (agent and strategy included), and the moment its price is taken from when
/// that is not its creation (a replayed strategy bar's close).
/// </summary>
public sealed record PendingDecision(DecisionRequest Request, int Attempts, DateTimeOffset? PriceAsOf = null)
{
    /// <summary>
    /// When the decision's quote is taken from (<see cref="LatencyReadiness.Target"/>) with the account's latency and the
    /// extra latency its faults draw (<see cref="LatencyReadiness.Delay"/>); null when the newest quote prices it.
    /// </summary>
    public DateTimeOffset? PriceTarget(AccountConfig config) => LatencyReadiness.Target(Request.CreatedAt, PriceAsOf, LatencyReadiness.Delay(config, Request.Id));
}
