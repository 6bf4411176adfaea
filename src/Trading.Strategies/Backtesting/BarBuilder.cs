using Trading.Strategies.Bars;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// Builds one symbol's bars from its quotes exactly as the database's <c>strategy_bars()</c> does: buckets of the
/// timeframe aligned to 2000-01-01 UTC, OHLC of the last price (the mid when a quote has none), the summed volume;
/// buckets without quotes make no bar. A bar closes at its close time, whether or not its symbol quotes again (as
/// <c>strategy_bars(…, through = now)</c> returns it once now reaches the close): the caller closes it with
/// <see cref="CloseIfDue"/> when the clock of the whole stream reaches <see cref="CloseTime"/>.
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

    /// <summary>Whether a bar is open (has at least one quote).</summary>
    public bool IsOpen { get; private set; }

    /// <summary>When the open bar closes; <see cref="DateTimeOffset.MaxValue"/> while none is open.</summary>
    public DateTimeOffset CloseTime { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>The open time of the bucket <paramref name="time"/> falls in.</summary>
    public static DateTimeOffset BucketOf(DateTimeOffset time, TimeSpan timeframe)
    {
        var ticks = (time - Origin).Ticks;
        var floor = ticks >= 0 ? ticks / timeframe.Ticks : ((ticks + 1) / timeframe.Ticks) - 1;
        return Origin + TimeSpan.FromTicks(floor * timeframe.Ticks);
    }

    /// <summary>Adds a quote's price; the caller has closed the previous bar first (<see cref="CloseIfDue"/>).</summary>
    public void Add(DateTimeOffset time, decimal price, decimal? quoteVolume)
    {
        if (!IsOpen)
        {
            open = BucketOf(time, timeframe);
            CloseTime = open + timeframe;
            (first, high, low, volume, IsOpen) = (price, price, price, 0m, true);
        }
        else if (price > high)
        {
            high = price;
        }
        else if (price < low)
        {
            low = price;
        }

        last = price;
        if (quoteVolume is { } v)
        {
            volume += v;
        }
    }

    /// <summary>The open bar, closed, when the clock has reached its close time; null otherwise.</summary>
    public Bar? CloseIfDue(DateTimeOffset clock)
    {
        if (!IsOpen || clock < CloseTime)
        {
            return null;
        }

        IsOpen = false;
        CloseTime = DateTimeOffset.MaxValue;
        return new Bar(symbol, open, timeframe, first, high, low, last, volume);
    }
}
