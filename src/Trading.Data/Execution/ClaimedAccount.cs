using Trading.Engine.Execution;
using Trading.Engine.Liquidity;
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

    /// <summary>The account's current epoch (locked with it, so no reset can end it during the batch).</summary>
    public int Epoch { get; init; } = 1;

    /// <summary>The account's risk limits and their figures; null when it has no limits.</summary>
    public AccountRisk? Risk { get; init; }

    /// <summary>The account's working orders, in id order.</summary>
    public IReadOnlyList<RestingOrder> OpenOrders { get; init; } = [];

    /// <summary>Pending cancel requests for working orders, in request order.</summary>
    public IReadOnlyList<CancelRequest> Cancels { get; init; } = [];

    /// <summary>What the account took from books still fresh in earlier batches (the batch's orders add to it).</summary>
    public LiquidityLedger Liquidity { get; init; } = new();
}
