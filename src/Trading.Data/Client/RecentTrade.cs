namespace Trading.Data.Client;

/// <summary>A row of v_paper_recent_trades: a closed round trip with its net P&amp;L after fees.</summary>
public sealed class RecentTrade
{
    public long TradeId { get; init; }

    public required string Account { get; init; }

    /// <summary>The account's epoch the row belongs to (the view shows the current one).</summary>
    public int Epoch { get; init; }

    public required string Symbol { get; init; }

    public required string Side { get; init; }

    public decimal Quantity { get; init; }

    public decimal EntryPrice { get; init; }

    public decimal ExitPrice { get; init; }

    public DateTime? EntryTime { get; init; }

    public DateTime ExitTime { get; init; }

    public TimeSpan? HoldDuration { get; init; }

    public decimal RealizedPnl { get; init; }

    public decimal Fees { get; init; }

    public decimal NetPnl { get; init; }

    public decimal? ReturnPct { get; init; }

    /// <summary>win, loss or breakeven.</summary>
    public required string Outcome { get; init; }

    public string? Agent { get; init; }

    public string? Strategy { get; init; }

    public long? DecisionId { get; init; }
}
