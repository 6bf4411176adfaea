using Trading.Engine.Primitives;

namespace Trading.Engine.Liquidity;

/// <summary>
/// The liquidity one account has already taken from a book, so the next order of the same account on the same book
/// finds it gone (no reuse of a quoted size order after order). Keyed by symbol and book time: a book of another time
/// (the next quote or snapshot) refills everything. One instance per account; not thread-safe.
/// </summary>
public sealed class LiquidityLedger
{
    private readonly Dictionary<string, Taken> taken = new(StringComparer.Ordinal);

    /// <summary>The book's levels on the side an order of <paramref name="side"/> takes from, less what was taken already.</summary>
    public IReadOnlyList<BookLevel> Available(OrderBook book, OrderSide side)
    {
        ArgumentNullException.ThrowIfNull(book);
        var levels = book.OppositeOf(side);
        if (!taken.TryGetValue(book.Symbol, out var record) || record.Time != book.Time)
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
        if (!taken.TryGetValue(book.Symbol, out var record) || record.Time != book.Time)
        {
            record = new Taken(book.Time);
            taken[book.Symbol] = record;
        }

        var used = record.For(side);
        foreach (var fill in walk.Fills)
        {
            used[fill.Price] = used.GetValueOrDefault(fill.Price) + fill.Quantity;
        }

        return walk;
    }

    private sealed class Taken(DateTimeOffset time)
    {
        private readonly Dictionary<decimal, decimal> asks = [];
        private readonly Dictionary<decimal, decimal> bids = [];

        public DateTimeOffset Time { get; } = time;

        public Dictionary<decimal, decimal> For(OrderSide side) => side == OrderSide.Buy ? asks : bids;
    }
}
