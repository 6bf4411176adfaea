namespace Trading.Data.Client;

/// <summary>A row of v_latest_prices: an instrument's newest quote and its mark price (mid, else last).</summary>
public sealed class LatestPrice
{
    public required string Symbol { get; init; }

    public DateTime Time { get; init; }

    public decimal? Bid { get; init; }

    public decimal? Ask { get; init; }

    public decimal? Last { get; init; }

    public decimal? MarkPrice { get; init; }
}
