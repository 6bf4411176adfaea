namespace Trading.Orchestrator.Reports;

/// <summary>
/// The account's net P&amp;L under the recorded fills, an optimistic and a pessimistic fill model (v_paper_realism_band),
/// and the same per strategy (v_paper_realism_band_by_strategy). Of the whole epoch, like the equity: not of the window.
/// </summary>
public sealed record RealismBand(RealismBandRow Account, IReadOnlyList<RealismBandRow> Strategies);

/// <summary>
/// One row of the band: P&amp;L values are null while an open position has no mark. Optimism = optimistic − actual,
/// pessimism = actual − pessimistic, width = optimistic − pessimistic.
/// </summary>
public sealed record RealismBandRow(string? Strategy, long Fills, decimal TradedNotional, decimal? Actual, decimal? Optimistic, decimal? Pessimistic)
{
    public decimal? Optimism => Optimistic - Actual;

    public decimal? Pessimism => Actual - Pessimistic;

    public decimal? Width => Optimistic - Pessimistic;
}
