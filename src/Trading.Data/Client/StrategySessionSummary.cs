namespace Trading.Data.Client;

/// <summary>A row of v_strategy_sessions: a strategy session with its account's running figures.</summary>
public sealed class StrategySessionSummary
{
    public long SessionId { get; init; }

    public required string Name { get; init; }

    public required string Account { get; init; }

    /// <summary>The account's epoch the row belongs to (the view shows the current one).</summary>
    public int Epoch { get; init; }

    /// <summary>live or replay.</summary>
    public required string Mode { get; init; }

    public required string Status { get; init; }

    public string? StatusReason { get; init; }

    public DateTime StartedAt { get; init; }

    public DateTime? StoppedAt { get; init; }

    public DateTime? LastBarClose { get; init; }

    public long BarsActed { get; init; }

    public string? Checksum { get; init; }

    public long Decisions { get; init; }

    public long Trades { get; init; }

    public long? OpenPositions { get; init; }

    public decimal? RealizedPnl { get; init; }

    public decimal? UnrealizedPnl { get; init; }

    public decimal? TotalPnl { get; init; }

    public decimal? TotalPnlPct { get; init; }

    public decimal? Equity { get; init; }

    public decimal? MaxDrawdownPct { get; init; }

    public decimal? WinRate { get; init; }
}
