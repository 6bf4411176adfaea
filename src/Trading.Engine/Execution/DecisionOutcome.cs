using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>
/// The terminal result of one decision. <see cref="Order"/> is what its order did when it executed on arrival (its fill
/// is the journal's); <see cref="OrderId"/> is its order when executed or placed (provisional, from 2^62 up, until
/// written).
/// </summary>
public sealed record DecisionOutcome(long DecisionId, DecisionStatus Status, string Reason, ExecutedOrder? Order, long? OrderId = null);
