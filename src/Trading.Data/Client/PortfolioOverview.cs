namespace Trading.Data.Client;

/// <summary>A row of v_paper_portfolio_overview: one live account's cash, value and P&amp;L now.</summary>
public sealed class PortfolioOverview
{
    public required string Account { get; init; }

    /// <summary>The account's epoch the row belongs to (the view shows the current one).</summary>
    public int Epoch { get; init; }

    public required string BaseCurrency { get; init; }

    public decimal InitialCapital { get; init; }

    public decimal NetDeposits { get; init; }

    public decimal Cash { get; init; }

    public decimal PositionsValue { get; init; }

    /// <summary>Equity: cash + Σ signed quantity × mark price.</summary>
    public decimal TotalValue { get; init; }

    public decimal GrossExposure { get; init; }

    public decimal UnrealizedPnl { get; init; }

    public decimal RealizedPnl { get; init; }

    public decimal TotalPnl { get; init; }

    /// <summary>Null when initial capital plus deposits is not positive.</summary>
    public decimal? TotalPnlPct { get; init; }

    public long NumPositions { get; init; }

    public long TotalTrades { get; init; }

    /// <summary>Positions with no quote yet: their value is missing from <see cref="PositionsValue"/>.</summary>
    public long UnpricedPositions { get; init; }

    public bool Halted { get; init; }

    public string? HaltReason { get; init; }
}
