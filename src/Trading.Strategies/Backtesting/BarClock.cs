using Trading.Strategies.Bars;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// When the backtest's bars close: a bar closes once the stream's clock reaches its close time. The closed bars wait
/// here, by close time and then symbol (ordinal), until the runner decides on them.
/// </summary>
internal sealed class BarClock(IReadOnlyList<SymbolBook> books)
{
    private readonly List<Bar> closed = [];
    private DateTimeOffset nextClose = DateTimeOffset.MaxValue;

    /// <summary>The closed bars not decided on yet, in order.</summary>
    public IReadOnlyList<Bar> Closed => closed;

    /// <summary>Whether a bar closes at <paramref name="time"/>.</summary>
    public bool Due(DateTimeOffset time) => time >= nextClose;

    /// <summary>A book took a quote: its bar under construction may close sooner than any other.</summary>
    public void Extended(SymbolBook book)
    {
        if (book.Bars.CloseTime < nextClose)
        {
            nextClose = book.Bars.CloseTime;
        }
    }

    /// <summary>Closes every bar due at <paramref name="time"/>.</summary>
    public void Close(DateTimeOffset time)
    {
        nextClose = DateTimeOffset.MaxValue;
        foreach (var book in books)
        {
            if (book.Bars.CloseIfDue(time) is { } bar)
            {
                closed.Add(bar);
            }

            Extended(book);
        }

        closed.Sort(static (a, b) => a.CloseTime != b.CloseTime
            ? a.CloseTime.CompareTo(b.CloseTime)
            : string.CompareOrdinal(a.Symbol, b.Symbol));
    }

    /// <summary>Forgets the first <paramref name="count"/> closed bars (decided on).</summary>
    public void Taken(int count) => closed.RemoveRange(0, count);
}
