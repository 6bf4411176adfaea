using Trading.Engine.Primitives;

namespace Trading.Engine.Liquidity;

/// <summary>
/// Market orders and marketable limits against a book, matching rules:
/// 1. A buy takes the asks, a sell the bids, best level first, each at that level's own price.
/// 2. From each level it takes the smaller of what it still wants and the level's size floored to whole lots.
/// 3. A limit price stops the walk at the first level worse than it (a buy above, a sell below the limit).
/// 4. When the book runs out first the walk is partial; what is left is <see cref="BookWalk.Remaining"/>.
/// </summary>
public static class BookWalker
{
    public static BookWalk Walk(
        OrderSide side, decimal quantity, IReadOnlyList<BookLevel> levels, decimal lotSize, decimal? limitPrice = null)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (quantity <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "The quantity to fill must be greater than zero.");
        }

        if (limitPrice is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(limitPrice), limitPrice, "A limit price must be greater than zero.");
        }

        var fills = new List<LevelFill>();
        var wanted = quantity;
        foreach (var level in levels)
        {
            if (wanted <= 0m || (limitPrice is { } limit && WorseThan(side, level.Price, limit)))
            {
                break;
            }

            var take = Math.Min(wanted, EngineMath.FloorToLot(level.Size, lotSize));
            if (take > 0m)
            {
                fills.Add(new LevelFill(level.Price, take));
                wanted -= take;
            }
        }

        return new BookWalk(side, quantity, fills);
    }

    private static bool WorseThan(OrderSide side, decimal price, decimal limit) =>
        side == OrderSide.Buy ? price > limit : price < limit;
}
