namespace Trading.Data.Client;

/// <summary>A row of v_paper_equity_curve: a portfolio snapshot with its drawdown from the running peak.</summary>
public sealed class EquityCurvePoint
{
    public required string Account { get; init; }

    /// <summary>The account's epoch the row belongs to (the view shows the current one).</summary>
    public int Epoch { get; init; }

    public DateTime Time { get; init; }

    public decimal? Cash { get; init; }

    public decimal? PositionsValue { get; init; }

    public decimal TotalValue { get; init; }

    public decimal? TotalPnl { get; init; }

    public decimal? TotalPnlPct { get; init; }

    public int? NumPositions { get; init; }

    public decimal? PeakValue { get; init; }

    public decimal? Drawdown { get; init; }

    public decimal? DrawdownPct { get; init; }
}
