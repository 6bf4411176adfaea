using Trading.Engine.Primitives;

namespace Trading.Engine.Liquidity;

/// <summary>
/// The liquidity one account has already taken from a book, so the next order of the same account on the same book
/// finds it gone (no reuse of a quoted size order after order). Keyed by symbol and book time: a book of another time
/// (the next quote or snapshot) refills everything, and taking from it forgets the older books of the symbol. One
/// instance per account; not thread-safe.
/// </summary>
public sealed class LiquidityLedger
{
    private readonly Dictionary<(string Symbol, DateTimeOffset Time), Taken> taken = [];

    /// <summary>The book's levels on the side an order of <paramref name="side"/> takes from, less what was taken already.</summary>
    public IReadOnlyList<BookLevel> Available(OrderBook book, OrderSide side)
    {
        ArgumentNullException.ThrowIfNull(book);
        var levels = book.OppositeOf(side);
        if (!taken.TryGetValue((book.Symbol, book.Time), out var record))
        {
            return levels;
        }

        var used = record.For(side);
        var left = new List<BookLevel>(levels.Count);
        foreach (var level in levels)
        {
            var size = level.Size - used.GetValueOrDefault(level.Price);
            if (size > 0m)
            {
                left.Add(new BookLevel(level.Price, size));
            }
        }

        return left;
    }

    /// <summary>Walks what is still available and records what the walk took.</summary>
    public BookWalk Take(OrderBook book, OrderSide side, decimal quantity, decimal lotSize, decimal? limitPrice = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        var walk = BookWalker.Walk(side, quantity, Available(book, side), lotSize, limitPrice);
        foreach (var older in taken.Keys.Where(k => k.Symbol == book.Symbol && k.Time < book.Time).ToList())
        {
            taken.Remove(older);
        }

        foreach (var fill in walk.Fills)
        {
            Record(book.Symbol, book.Time, side, fill.Price, fill.Quantity);
        }

        return walk;
    }

    /// <summary>
    /// Records what an order of <paramref name="side"/> took at <paramref name="price"/> from the book of
    /// <paramref name="symbol"/> at <paramref name="time"/> (what earlier batches took, read back from their fills).
    /// </summary>
    public void Record(string symbol, DateTimeOffset time, OrderSide side, decimal price, decimal quantity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (!taken.TryGetValue((symbol, time), out var record))
        {
            taken[(symbol, time)] = record = new Taken();
        }

        var used = record.For(side);
        used[price] = used.GetValueOrDefault(price) + quantity;
    }

    private sealed class Taken
    {
        private readonly Dictionary<decimal, decimal> asks = [];
        private readonly Dictionary<decimal, decimal> bids = [];

        public Dictionary<decimal, decimal> For(OrderSide side) => side == OrderSide.Buy ? asks : bids;
    }
}
