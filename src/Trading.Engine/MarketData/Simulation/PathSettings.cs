namespace Trading.Engine.MarketData.Simulation;

/// <summary>
/// How one symbol's price moves: geometric Brownian motion from <see cref="StartPrice"/> with annualised
/// <see cref="Drift"/> and <see cref="Volatility"/>, quoted around the mid with a relative <see cref="Spread"/>,
/// rounded to <see cref="TickSize"/>; optional volatility regimes and jumps.
/// </summary>
public sealed record PathSettings
{
    public PathSettings(string symbol, decimal startPrice, decimal drift, decimal volatility, decimal spread, decimal quotedSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (startPrice <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(startPrice), startPrice, "The start price must be positive.");
        }

        if (Math.Abs(drift) > 10m)
        {
            throw new ArgumentOutOfRangeException(nameof(drift), drift, "The annual drift must lie in [-10, 10].");
        }

        if (volatility < 0m || volatility > 10m)
        {
            throw new ArgumentOutOfRangeException(nameof(volatility), volatility, "The annual volatility must lie in [0, 10].");
        }

        if (spread <= 0m || spread >= 0.1m)
        {
            throw new ArgumentOutOfRangeException(nameof(spread), spread, "The spread fraction must lie in (0, 0.1).");
        }

        if (quotedSize <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(quotedSize), quotedSize, "The quoted size must be positive.");
        }

        Symbol = symbol;
        StartPrice = startPrice;
        Drift = drift;
        Volatility = volatility;
        Spread = spread;
        QuotedSize = quotedSize;
    }

    public string Symbol { get; }

    public decimal StartPrice { get; }

    /// <summary>Expected annual log-return before the volatility correction (0.05 = 5% a year).</summary>
    public decimal Drift { get; }

    /// <summary>Annualised volatility (0.6 = 60% a year).</summary>
    public decimal Volatility { get; }

    /// <summary>Ask minus bid as a fraction of the mid (at least one tick is kept between them).</summary>
    public decimal Spread { get; }

    /// <summary>Typical size on each side; each quote draws a size in [0.5, 1.5) × this, floored to the lot.</summary>
    public decimal QuotedSize { get; }

    public decimal TickSize { get; init; } = 0.01m;

    public decimal LotSize { get; init; } = 0.00001m;

    public RegimeSettings? Regimes { get; init; }

    public JumpSettings? Jumps { get; init; }
}
