using Trading.Engine.MarketData;
using Trading.Engine.Primitives;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// The size left at the touch while one quote is matched: buys consume the ask size, sells the bid
/// size, in matching order. A side without a quoted size is unlimited.
/// </summary>
internal sealed class QuotedSize
{
    private decimal? _ask;
    private decimal? _bid;

    public QuotedSize(Quote quote)
    {
        _ask = quote.AskSize;
        _bid = quote.BidSize;
    }

    private QuotedSize()
    {
    }

    /// <summary>No size on either side: the book behind the quote is assumed deep (a decision's plain market order).</summary>
    public static QuotedSize Unbounded() => new();

    public decimal Executable(OrderSide side, decimal wanted, decimal lotSize)
    {
        var available = side == OrderSide.Buy ? _ask : _bid;
        return available is { } a ? Math.Min(wanted, EngineMath.FloorToLot(a, lotSize)) : wanted;
    }

    public void Consume(OrderSide side, decimal quantity)
    {
        if (side == OrderSide.Buy)
        {
            _ask -= quantity;
        }
        else
        {
            _bid -= quantity;
        }
    }
}
