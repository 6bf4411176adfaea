using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using DepthBook = Trading.Engine.Liquidity.OrderBook;

namespace Trading.Engine.Execution;

/// <summary>
/// The liquidity an order may take from one quote (a decision's order on arrival, or a working order the quote reaches),
/// choice rules:
/// <list type="number">
/// <item><c>unbounded</c> accounts: a plain market order fills in full at the touch; a marketable limit or stop takes
///   the quoted touch size (unlimited when the quote has none).</item>
/// <item><c>book</c> accounts walk a book: the symbol's newest stored depth snapshot when it is at or before the quote
///   and within the staleness bound and has levels on the side taken; else a synthetic book from the quote
///   (<see cref="SyntheticDepth"/> with the account's levels and units per tick); else, when the quote gives the side
///   no size, the unbounded touch (nothing to go on), and the fill's provenance says so.</item>
/// <item>What this account took from the same book earlier (its <see cref="LiquidityLedger"/>) is gone.</item>
/// </list>
/// </summary>
internal sealed class TakerLiquidity
{
    private readonly AccountState state;
    private readonly DepthBook? book;
    private readonly BookProvenance provenance;

    private TakerLiquidity(AccountState state, DepthBook? book, BookProvenance provenance)
    {
        this.state = state;
        this.book = book;
        this.provenance = provenance;
    }

    public static TakerLiquidity For(AccountState state, Quote quote, OrderSide side, InstrumentSpec instrument)
    {
        var settings = state.Config.Liquidity;
        var sized = (side == OrderSide.Buy ? quote.AskSize : quote.BidSize) is not null;
        if (settings.Model == LiquidityModel.Book)
        {
            if (AtOrBefore(state, quote) is { } depth && quote.Time - depth.Time <= state.Config.StalenessBound && depth.OppositeOf(side).Count > 0)
            {
                return new(state, depth, new BookProvenance(BookProvenance.Depth, depth.Time, 0, 0, 0m));
            }

            if (sized)
            {
                var synthetic = new SyntheticDepth(settings.SyntheticUnitsPerTick, instrument.TickSize, settings.SyntheticLevels).BookFor(quote);
                return new(state, synthetic, new BookProvenance(BookProvenance.Synthetic, quote.Time, 0, 0, 0m));
            }
        }

        return new(state, null, BookProvenance.AtTouch(sized, 0m));
    }

    /// <summary>The symbol's newest stored snapshot at or before the quote, if any.</summary>
    private static DepthBook? AtOrBefore(AccountState state, Quote quote)
    {
        if (state.DepthBooks.TryGetValue(quote.Symbol, out var books))
        {
            for (var i = books.Count - 1; i >= 0; i--)
            {
                if (books[i].Time <= quote.Time)
                {
                    return books[i];
                }
            }
        }

        return null;
    }

    /// <summary>What an arriving order may take: the book's levels left to this account, or the touch.</summary>
    public QuotedSize Size(Quote quote, OrderSide side, bool immediate) => Left(side) is { } levels
        ? QuotedSize.Book(side, levels)
        : immediate ? QuotedSize.Unbounded() : new QuotedSize(quote);

    /// <summary>The book's levels left to this account on the side an order of <paramref name="side"/> takes; null without a book.</summary>
    public IReadOnlyList<BookLevel>? Left(OrderSide side) => book is null ? null : state.Liquidity.Available(book, side);

    /// <summary>Why nothing could be taken from the book (for the decision's reason), or null when there is no book.</summary>
    public string? Exhausted(OrderSide side) => book is null
        ? null
        : $"no {(side == OrderSide.Buy ? "ask" : "bid")} liquidity left in the {provenance.Kind} {book.Symbol} book of {book.Time:O}: this account's earlier orders took it";

    /// <summary>The fill as the levels it took (recorded in the ledger), or as one fill at the touch.</summary>
    public IReadOnlyList<OrderFillEvent> Levels(OrderFillEvent fill, decimal? limit, InstrumentSpec instrument)
    {
        if (book is null)
        {
            return [fill with { Book = provenance with { OrderQuantity = fill.Quantity } }];
        }

        var walk = state.Liquidity.Take(book, fill.Side, fill.Quantity, instrument.LotSize, limit);
        if (walk.Filled != fill.Quantity)
        {
            throw new InvalidOperationException($"The {book.Symbol} book walk filled {walk.Filled} of the {fill.Quantity} it offered.");
        }

        var config = state.Config;
        return WalkFills.Price(fill, walk, provenance, config.SlippageModel, config.FeeModel, instrument.TickSize, limit);
    }
}
