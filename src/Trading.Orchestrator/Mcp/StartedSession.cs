namespace Trading.Orchestrator.Mcp;

/// <summary>What `start_paper` returns: the session, the account it trades, and the validated config's identity.</summary>
public sealed record StartedSession(long SessionId, string Account, string Name, string Timeframe, IReadOnlyList<string> Symbols, string Checksum);
