namespace Trading.Engine.Execution;

/// <summary>An agent's request to cancel a working order, effective at <see cref="RequestedAt"/>.</summary>
public sealed record CancelRequest(long Id, long OrderId, DateTimeOffset RequestedAt);

/// <summary>What became of a cancel request: done, or refused with the reason (e.g. the order had already filled).</summary>
public sealed record CancelOutcome(long RequestId, bool Done, string Reason);
