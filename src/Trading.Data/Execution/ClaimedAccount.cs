using Trading.Engine.Execution;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;

namespace Trading.Data.Execution;

/// <summary>
/// An account locked by this transaction, its state, and the pending decisions to execute now, in insertion order
/// (with simulated latency, the ones before the first whose delayed quote has not arrived yet).
/// </summary>
public sealed record ClaimedAccount(
    AccountConfig Config,
    decimal Cash,
    TimeSpan Latency,
    IReadOnlyList<Position> Positions,
    IReadOnlyList<PendingDecision> Decisions)
{
    public string Account => Config.AccountId;

    /// <summary>The account's risk limits and their figures; null when it has no limits.</summary>
    public AccountRisk? Risk { get; init; }

    /// <summary>The account's working orders, in id order.</summary>
    public IReadOnlyList<RestingOrder> OpenOrders { get; init; } = [];

    /// <summary>Pending cancel requests for working orders, in request order.</summary>
    public IReadOnlyList<CancelRequest> Cancels { get; init; } = [];

    /// <summary>
    /// By parent decision id: the strategy of each working order's decision, for the trades its fills close. (A pending
    /// decision carries its own, <see cref="DecisionRequest.Strategy"/>; this goes when the engine's orders carry theirs.)
    /// </summary>
    public IReadOnlyDictionary<long, string?> WorkingOrderStrategies { get; init; } = new Dictionary<long, string?>();
}
