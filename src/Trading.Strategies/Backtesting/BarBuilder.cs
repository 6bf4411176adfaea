using Trading.Strategies.Bars;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// Builds one symbol's bars from its quotes exactly as the database's <c>strategy_bars()</c> does: buckets of the
/// timeframe on the grid of <see cref="Timeframes.Origin"/>, OHLC of the last price (the mid when a quote has none), the summed volume;
/// buckets without quotes make no bar. A bar closes at its close time, whether or not its symbol quotes again (as
/// <c>strategy_bars(…, through = now)</c> returns it once now reaches the close): the caller closes it with
/// <see cref="CloseIfDue"/> when the clock of the whole stream reaches <see cref="CloseTime"/>.
/// </summary>
internal sealed class BarBuilder(string symbol, TimeSpan timeframe)
{
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

    /// <summary>Adds a quote's price; the caller has closed the previous bar first (<see cref="CloseIfDue"/>).</summary>
    public void Add(DateTimeOffset time, decimal price, decimal? quoteVolume)
    {
        if (!IsOpen)
        {
            open = Timeframes.OpenOf(timeframe, time);
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
