using Trading.Engine.Execution;

namespace Trading.Data.Execution;

/// <summary>A claimed decision: what the engine needs, plus the attribution the trade rows carry.</summary>
public sealed record PendingDecision(DecisionRequest Request, string? Agent, string? Strategy, int Attempts);
