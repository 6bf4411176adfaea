namespace Trading.Strategies.Bars;

/// <summary>
/// A closed bar of one symbol: the prices of <see cref="Timeframe"/> starting at <see cref="OpenTime"/> (open, high, low,
/// close of the last price, or of the mid where a quote has no last) and the volume traded in it.
/// </summary>
public sealed record Bar(
    string Symbol,
    DateTimeOffset OpenTime,
    TimeSpan Timeframe,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume)
{
    /// <summary>When the bar closes: the earliest moment a signal from it may act (no look-ahead).</summary>
    public DateTimeOffset CloseTime => OpenTime + Timeframe;
}
