namespace Trading.Data.Client;

/// <summary>A row of v_paper_performance_metrics: an account's whole-history trade and return figures.</summary>
public sealed class PerformanceSummary
{
    public required string Account { get; init; }

    /// <summary>The account's epoch the row belongs to (the view shows the current one).</summary>
    public int Epoch { get; init; }

    public long TotalTrades { get; init; }

    public long WinningTrades { get; init; }

    public long LosingTrades { get; init; }

    public decimal? WinRate { get; init; }

    public decimal TotalPnl { get; init; }

    public decimal? GrossPnl { get; init; }

    public decimal TotalFees { get; init; }

    public decimal? AvgWin { get; init; }

    public decimal? AvgLoss { get; init; }

    public decimal? ProfitFactor { get; init; }

    public decimal? Expectancy { get; init; }

    public decimal? LargestWin { get; init; }

    public decimal? LargestLoss { get; init; }

    public TimeSpan? AvgTradeDuration { get; init; }

    public decimal? TradesPerDay { get; init; }

    public decimal? SharpeRatio { get; init; }

    public decimal? SortinoRatio { get; init; }

    public decimal MaxDrawdownPct { get; init; }

    public decimal MaxDrawdown { get; init; }

    public long DaysWithSnapshots { get; init; }
}
