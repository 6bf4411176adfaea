using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// The size left while one quote is matched, per side (buys take the ask side, sells the bid side):
/// <list type="number">
/// <item>The touch: the quoted size, consumed by the orders in matching order; a side without a quoted size is
///   unlimited. A passive fill at a limit the quote only touches always takes this size.</item>
/// <item>A book, where the side has one (a book-walking account): its levels left to the account, best first, each
///   floored to whole lots, up to a limit price. A taker or a limit the quote trades through walks it; what one order
///   takes is gone for the next.</item>
/// </list>
/// A side's book is only built when an order of that side can fill.
/// </summary>
internal sealed class QuotedSize
{
    private readonly Pool ask;
    private readonly Pool bid;

    public QuotedSize(Quote quote)
        : this(new Pool(quote.AskSize, null), new Pool(quote.BidSize, null))
    {
    }

    private QuotedSize(Pool ask, Pool bid)
    {
        this.ask = ask;
        this.bid = bid;
    }

    /// <summary>No size on either side: the book behind the quote is assumed deep (a decision's plain market order).</summary>
    public static QuotedSize Unbounded() => new(new Pool(null, null), new Pool(null, null));

    /// <summary>The levels (best first) one arriving order of <paramref name="side"/> may take from.</summary>
    public static QuotedSize Book(OrderSide side, IReadOnlyList<BookLevel> levels) => side == OrderSide.Buy
        ? new(new Pool(null, () => levels), new Pool(null, null))
        : new(new Pool(null, null), new Pool(null, () => levels));

    /// <summary>The quote's touch sizes, and per side the book levels <paramref name="levels"/> gives (null: that side takes the touch).</summary>
    public static QuotedSize Books(Quote quote, Func<OrderSide, IReadOnlyList<BookLevel>?> levels) =>
        new(new Pool(quote.AskSize, () => levels(OrderSide.Buy)), new Pool(quote.BidSize, () => levels(OrderSide.Sell)));

    /// <summary>Whether an order of <paramref name="side"/> that takes liquidity walks a book (else the touch).</summary>
    public bool Walks(OrderSide side) => For(side).Levels is not null;

    /// <summary>What an order of <paramref name="side"/> may fill: from the book when it walks one, else at the touch.</summary>
    public decimal Executable(OrderSide side, decimal wanted, decimal lotSize, decimal? limit = null, bool walks = true)
    {
        var pool = For(side);
        if (walks && pool.Levels is { } levels)
        {
            var depth = -pool.Taken;
            foreach (var level in levels)
            {
                if (limit is { } l && (side == OrderSide.Buy ? level.Price > l : level.Price < l))
                {
                    break;
                }

                depth += EngineMath.FloorToLot(level.Size, lotSize);
            }

            return Math.Max(0m, Math.Min(wanted, depth));
        }

        return pool.Touch is { } a ? Math.Min(wanted, EngineMath.FloorToLot(a, lotSize)) : wanted;
    }

    public void Consume(OrderSide side, decimal quantity, bool walked)
    {
        var pool = For(side);
        if (walked && pool.Levels is not null)
        {
            pool.Taken += quantity;
        }
        else
        {
            pool.Touch -= quantity;
        }
    }

    private Pool For(OrderSide side) => side == OrderSide.Buy ? ask : bid;

    private sealed class Pool(decimal? touch, Func<IReadOnlyList<BookLevel>?>? book)
    {
        private readonly Lazy<IReadOnlyList<BookLevel>?> levels = new(() => book?.Invoke(), LazyThreadSafetyMode.None);

        public decimal? Touch { get; set; } = touch;

        public IReadOnlyList<BookLevel>? Levels => levels.Value;

        public decimal Taken { get; set; }
    }
}
