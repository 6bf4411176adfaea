namespace Trading.Engine.MarketData;

/// <summary>Trading rules of one instrument: price tick, quantity lot and minimum order notional.</summary>
public sealed record InstrumentSpec
{
    public InstrumentSpec(string symbol, decimal tickSize, decimal lotSize, decimal minNotional)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (tickSize <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(tickSize), tickSize, "The tick size must be greater than zero.");
        }

        if (lotSize <= 0m || lotSize.Scale > Primitives.EngineMath.QuantityScale)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lotSize), lotSize, "The lot size must be greater than zero with at most 12 decimal places.");
        }

        if (minNotional < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(minNotional), minNotional, "The minimum notional must not be negative.");
        }

        Symbol = symbol;
        TickSize = tickSize;
        LotSize = lotSize;
        MinNotional = minNotional;
    }

    public string Symbol { get; }

    public decimal TickSize { get; }

    public decimal LotSize { get; }

    public decimal MinNotional { get; }
}
