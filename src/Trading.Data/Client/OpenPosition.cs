namespace Trading.Data.Client;

/// <summary>A row of v_paper_open_positions: a net position marked at the newest quote (mark figures null without one).</summary>
public sealed class OpenPosition
{
    public required string Account { get; init; }

    public required string Symbol { get; init; }

    /// <summary>long or short.</summary>
    public required string Side { get; init; }

    public decimal Quantity { get; init; }

    public decimal SignedQuantity { get; init; }

    public decimal EntryPrice { get; init; }

    public decimal? CurrentPrice { get; init; }

    public DateTime? PriceTime { get; init; }

    public decimal CostBasis { get; init; }

    public decimal? PositionValue { get; init; }

    public decimal? UnrealizedPnl { get; init; }

    public decimal? UnrealizedPnlPct { get; init; }

    public decimal EntryFees { get; init; }

    public decimal? UnrealizedNetPnl { get; init; }

    public DateTime OpenedAt { get; init; }

    public TimeSpan HoldDuration { get; init; }

    public decimal? StopLoss { get; init; }

    public decimal? TakeProfit { get; init; }

    public decimal? TrailingStop { get; init; }

    /// <summary>How much of the position the stop-loss covers (a bracket on an add covers the added part only).</summary>
    public decimal? StopLossQuantity { get; init; }

    public decimal? TakeProfitQuantity { get; init; }

    public decimal? TrailingStopQuantity { get; init; }
}
