using Trading.Engine.Execution;
using Trading.Engine.Positions;

namespace Trading.Data.Execution;

/// <summary>An account locked by this transaction, its state, and its pending decisions in insertion order.</summary>
public sealed record ClaimedAccount(
    AccountConfig Config,
    decimal Cash,
    IReadOnlyList<Position> Positions,
    IReadOnlyList<PendingDecision> Decisions)
{
    public string Account => Config.AccountId;
}
