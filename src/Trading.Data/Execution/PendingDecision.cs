using Trading.Engine.Execution;

namespace Trading.Data.Execution;

/// <summary>A claimed decision: what the engine needs (the agent included), plus the strategy the trade rows carry.</summary>
public sealed record PendingDecision(DecisionRequest Request, string? Strategy, int Attempts);
