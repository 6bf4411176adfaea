namespace Trading.Engine.MarketData;

/// <summary>
/// One top-of-book observation. Valid when it has a bid and an ask (bid ≤ ask) or a last price;
/// every price present is positive and every size present is non-negative.
/// </summary>
public sealed record Quote
{
    public Quote(
        string symbol,
        DateTimeOffset time,
        decimal? bid,
        decimal? ask,
        decimal? last,
        decimal? bidSize = null,
        decimal? askSize = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        EnsurePositive(bid, nameof(bid));
        EnsurePositive(ask, nameof(ask));
        EnsurePositive(last, nameof(last));
        EnsureNotNegative(bidSize, nameof(bidSize));
        EnsureNotNegative(askSize, nameof(askSize));
        if (bid is { } b && ask is { } a && b > a)
        {
            throw new ArgumentOutOfRangeException(nameof(bid), bid, $"The bid {b} is above the ask {a} (crossed quote).");
        }

        if ((bid is null || ask is null) && last is null)
        {
            throw new ArgumentException($"A {symbol} quote needs a bid and an ask, or a last price.", nameof(last));
        }

        Symbol = symbol;
        Time = time;
        Bid = bid;
        Ask = ask;
        Last = last;
        BidSize = bidSize;
        AskSize = askSize;
    }

    public string Symbol { get; }

    public DateTimeOffset Time { get; }

    public decimal? Bid { get; }

    public decimal? Ask { get; }

    public decimal? Last { get; }

    public decimal? BidSize { get; }

    public decimal? AskSize { get; }

    /// <summary>(bid + ask) / 2 when both sides are quoted, else null.</summary>
    public decimal? Mid => Bid is { } b && Ask is { } a ? (b + a) / 2m : null;

    /// <summary>The price positions are valued at: the mid when both sides exist, else the last price.</summary>
    public decimal MarkPrice => Mid ?? Last!.Value;

    private static void EnsurePositive(decimal? value, string name)
    {
        if (value is <= 0m)
        {
            throw new ArgumentOutOfRangeException(name, value, "A quoted price must be greater than zero.");
        }
    }

    private static void EnsureNotNegative(decimal? value, string name)
    {
        if (value is < 0m)
        {
            throw new ArgumentOutOfRangeException(name, value, "A quoted size must not be negative.");
        }
    }
}
