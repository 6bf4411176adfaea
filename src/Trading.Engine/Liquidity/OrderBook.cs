using Trading.Engine.Primitives;

namespace Trading.Engine.Liquidity;

/// <summary>
/// An L2 snapshot of one symbol at one time: bids best first (strictly falling prices), asks best first (strictly
/// rising prices), and the best bid not above the best ask. A known book (from market_depth) or one made from a quote
/// by <see cref="SyntheticDepth"/>.
/// </summary>
public sealed record OrderBook
{
    public OrderBook(string symbol, DateTimeOffset time, IReadOnlyList<BookLevel> bids, IReadOnlyList<BookLevel> asks)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentNullException.ThrowIfNull(bids);
        ArgumentNullException.ThrowIfNull(asks);
        EnsureOrdered(bids, falling: true, nameof(bids));
        EnsureOrdered(asks, falling: false, nameof(asks));
        if (bids.Count > 0 && asks.Count > 0 && bids[0].Price > asks[0].Price)
        {
            throw new ArgumentException($"The {symbol} book is crossed: best bid {bids[0].Price} above best ask {asks[0].Price}.", nameof(bids));
        }

        Symbol = symbol;
        Time = time;
        Bids = bids;
        Asks = asks;
    }

    public string Symbol { get; }

    public DateTimeOffset Time { get; }

    public IReadOnlyList<BookLevel> Bids { get; }

    public IReadOnlyList<BookLevel> Asks { get; }

    /// <summary>The levels an order of this side takes liquidity from: a buy lifts the asks, a sell hits the bids.</summary>
    public IReadOnlyList<BookLevel> OppositeOf(OrderSide side) => side == OrderSide.Buy ? Asks : Bids;

    private static void EnsureOrdered(IReadOnlyList<BookLevel> levels, bool falling, string name)
    {
        for (var i = 1; i < levels.Count; i++)
        {
            var ordered = falling ? levels[i].Price < levels[i - 1].Price : levels[i].Price > levels[i - 1].Price;
            if (!ordered)
            {
                throw new ArgumentException(
                    $"Book levels must be best first with {(falling ? "strictly falling" : "strictly rising")} prices; level {i} at {levels[i].Price} follows {levels[i - 1].Price}.",
                    name);
            }
        }
    }
}
