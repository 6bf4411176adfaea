namespace Trading.Strategies.Comparisons;

/// <summary>
/// One fill as the comparison sees it, from either side (paper_fills or backtest_fills): the price paid split as
/// price = mid + (reference − mid) + (price − reference), i.e. the quote's mid, the half spread crossed (or the configured
/// spread of a last-only quote) and the slippage, each signed as paid (a buy's are positive, a sell's negative).
/// <see cref="SignalPrice"/> is the price the decision saw when it was taken (a strategy's bar close); null for an order
/// no signal priced (a bracket's stop or target), whose quote difference is then all "different quote".
/// </summary>
public sealed record ComparedFill(
    decimal Quantity,
    decimal OrderedQuantity,
    decimal Price,
    decimal ReferencePrice,
    decimal Mid,
    decimal? SignalPrice,
    DateTimeOffset QuoteTime,
    decimal Fee,
    decimal Notional,
    decimal SlippageCost)
{
    /// <summary>The half spread crossed per unit, signed as paid.</summary>
    public decimal SpreadPerUnit => ReferencePrice - Mid;

    /// <summary>The slippage per unit, signed as paid.</summary>
    public decimal SlippagePerUnit => Price - ReferencePrice;

    /// <summary>The order filled less than it asked for (a partial fill, or the rest of an order filled in pieces).</summary>
    public bool IsPartial => Quantity < OrderedQuantity;

    /// <summary>The mid of a quote: (bid + ask) / 2 with both sides, else the last price.</summary>
    public static decimal MidOf(decimal? bid, decimal? ask, decimal? last) =>
        bid is { } b && ask is { } a ? (b + a) / 2m
        : last ?? throw new ArgumentException("a quote needs bid and ask or a last price");
}
