using Trading.Engine.MarketData;

namespace Trading.Engine.Liquidity;

/// <summary>
/// Depth where only the top of book is known (after Nautilus Trader's L1 book): the quoted size at the touch, then
/// <see cref="UnitsPerTick"/> units at each tick worse (null: the touch's size again), for <see cref="Levels"/> levels in
/// all (the touch included), so a large order pays for its size. A side quoted without a size gets
/// <see cref="UnitsPerTick"/> at the touch too, or no levels when that is null as well (nothing to go on). Sell levels
/// stop before a price would reach zero. A quote with only a last price gives an empty book.
/// </summary>
public sealed record SyntheticDepth
{
    public SyntheticDepth(decimal? unitsPerTick, decimal tickSize, int levels)
    {
        if (unitsPerTick is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(unitsPerTick), unitsPerTick, "The units per tick must be greater than zero.");
        }

        if (tickSize <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(tickSize), tickSize, "The tick size must be greater than zero.");
        }

        if (levels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(levels), levels, "A synthetic book needs at least the touch (1 level).");
        }

        UnitsPerTick = unitsPerTick;
        TickSize = tickSize;
        Levels = levels;
    }

    public decimal? UnitsPerTick { get; }

    public decimal TickSize { get; }

    public int Levels { get; }

    /// <summary>The book this model assumes behind a quote.</summary>
    public OrderBook BookFor(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return new OrderBook(quote.Symbol, quote.Time, Side(quote.Bid, quote.BidSize, -TickSize), Side(quote.Ask, quote.AskSize, TickSize));
    }

    private BookLevel[] Side(decimal? touch, decimal? touchSize, decimal step)
    {
        if (touch is not { } price || (touchSize ?? UnitsPerTick) is not { } first)
        {
            return [];
        }

        var deeper = UnitsPerTick ?? first;
        var levels = new List<BookLevel>(Levels) { new(price, first) };
        for (var i = 1; i < Levels; i++)
        {
            var worse = price + (i * step);
            if (worse <= 0m)
            {
                break;
            }

            levels.Add(new BookLevel(worse, deeper));
        }

        return [.. levels];
    }
}
