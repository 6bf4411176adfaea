using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>The terminal result of one decision; <see cref="Order"/> is set only when executed.</summary>
public sealed record DecisionOutcome(long DecisionId, DecisionStatus Status, string Reason, ExecutedOrder? Order);
