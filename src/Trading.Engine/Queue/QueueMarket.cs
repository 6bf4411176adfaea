using Trading.Engine.MarketData;
using Trading.Engine.Primitives;

namespace Trading.Engine.Queue;

/// <summary>
/// What the queue model reads besides the quotes: each symbol's prints since its working orders were last evaluated (in
/// time order), and the sizes of the newest book snapshot, by (symbol, side, price), where the feed stores a book.
/// </summary>
public sealed record QueueMarket(
    IReadOnlyDictionary<string, IReadOnlyList<TradePrint>> Prints,
    IReadOnlyDictionary<(string Symbol, OrderSide Side, decimal Price), decimal> Displayed)
{
    public static readonly QueueMarket Empty = new(
        new Dictionary<string, IReadOnlyList<TradePrint>>(), new Dictionary<(string, OrderSide, decimal), decimal>());

    public IReadOnlyList<TradePrint> PrintsOf(string symbol) => Prints.TryGetValue(symbol, out var prints) ? prints : [];

    /// <summary>
    /// The queue a limit joins at its price: the size the book snapshot shows there; else, at the touch of its own side
    /// (the bid for a buy), the quote's size there; else 0 (it improves the touch, or nothing is known at its price).
    /// </summary>
    public decimal AheadOnJoin(OrderSide side, decimal limitPrice, Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (Displayed.TryGetValue((quote.Symbol, side, limitPrice), out var shown))
        {
            return shown;
        }

        var (touch, size) = side == OrderSide.Buy ? (quote.Bid, quote.BidSize) : (quote.Ask, quote.AskSize);
        return touch == limitPrice ? size ?? 0m : 0m;
    }
}
