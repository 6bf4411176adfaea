using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// The size left while one quote is matched: at the touch (buys consume the ask size, sells the bid size, in matching
/// order; a side without a quoted size is unlimited), or, for an order that walks a book on arrival, the book's levels
/// on the side it takes from, each floored to whole lots, up to its limit price.
/// </summary>
internal sealed class QuotedSize
{
    private readonly IReadOnlyList<BookLevel>? levels;
    private decimal? _ask;
    private decimal? _bid;
    private decimal taken;

    public QuotedSize(Quote quote)
    {
        _ask = quote.AskSize;
        _bid = quote.BidSize;
    }

    private QuotedSize(IReadOnlyList<BookLevel>? levels = null)
    {
        this.levels = levels;
    }

    /// <summary>No size on either side: the book behind the quote is assumed deep (a decision's plain market order).</summary>
    public static QuotedSize Unbounded() => new();

    /// <summary>The levels (best first) one arriving order may take from.</summary>
    public static QuotedSize Book(IReadOnlyList<BookLevel> levels) => new(levels);

    public decimal Executable(OrderSide side, decimal wanted, decimal lotSize, decimal? limit = null)
    {
        if (levels is not null)
        {
            var depth = -taken;
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

        var available = side == OrderSide.Buy ? _ask : _bid;
        return available is { } a ? Math.Min(wanted, EngineMath.FloorToLot(a, lotSize)) : wanted;
    }

    public void Consume(OrderSide side, decimal quantity)
    {
        if (levels is not null)
        {
            taken += quantity;
        }
        else if (side == OrderSide.Buy)
        {
            _ask -= quantity;
        }
        else
        {
            _bid -= quantity;
        }
    }
}
