using Trading.Strategies.Bars;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// Builds one symbol's bars from its quotes exactly as the database's <c>strategy_bars()</c> does: buckets of the
/// timeframe aligned to 2000-01-01 UTC, OHLC of the last price (the mid when a quote has none), the summed volume. A bar
/// is closed by the first quote at or after its close; buckets without quotes make no bar.
/// </summary>
internal sealed class BarBuilder(string symbol, TimeSpan timeframe)
{
    private static readonly DateTimeOffset Origin = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private DateTimeOffset open;
    private decimal first;
    private decimal high;
    private decimal low;
    private decimal last;
    private decimal volume;
    private bool any;

    /// <summary>Adds a quote; returns the bar it closed, if any.</summary>
    public Bar? Add(DateTimeOffset time, decimal price, decimal? quoteVolume)
    {
        var bucket = Origin + TimeSpan.FromTicks((time - Origin).Ticks / timeframe.Ticks * timeframe.Ticks);
        Bar? closed = null;
        if (any && bucket != open)
        {
            closed = new Bar(symbol, open, timeframe, first, high, low, last, volume);
            any = false;
        }

        if (!any)
        {
            (open, first, high, low, volume, any) = (bucket, price, price, price, 0m, true);
        }

        high = Math.Max(high, price);
        low = Math.Min(low, price);
        last = price;
        volume += quoteVolume ?? 0m;
        return closed;
    }
}
