namespace Trading.Data.Client;

/// <summary>A row of v_paper_daily_pnl: one UTC day's opening and closing value, return and trades.</summary>
public sealed class DailyPnl
{
    public required string Account { get; init; }

    /// <summary>The account's epoch the row belongs to (the view shows the current one).</summary>
    public int Epoch { get; init; }

    public DateOnly Day { get; init; }

    public decimal? OpeningValue { get; init; }

    public decimal? ClosingValue { get; init; }

    public decimal? Pnl { get; init; }

    public decimal? ReturnPct { get; init; }

    public long? Trades { get; init; }

    public long? Wins { get; init; }

    public decimal? RealizedPnl { get; init; }

    public decimal? Fees { get; init; }

    public decimal? NetDeposits { get; init; }
}
