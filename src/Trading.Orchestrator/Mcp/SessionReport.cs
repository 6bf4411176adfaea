namespace Trading.Orchestrator.Mcp;

/// <summary>A session's figures (its v_strategy_sessions row) and its account's performance and promotion gates.</summary>
public sealed record SessionReport(Dictionary<string, object?> Session, PerformanceReport Performance);
