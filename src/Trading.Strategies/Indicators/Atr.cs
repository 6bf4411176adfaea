using Trading.Strategies.Bars;

namespace Trading.Strategies.Indicators;

/// <summary>
/// Wilder's average true range: TR = max(high − low, |high − previous close|, |low − previous close|), high − low on
/// the first bar (it has no previous close); the first ATR is the mean of the first <c>period</c> TRs, then Wilder's
/// smoothing. Defined from bar <c>period</c>.
/// </summary>
internal sealed class Atr : Indicator
{
    private readonly WilderAverage _average;
    private decimal? _previousClose;

    public Atr(int period)
        : base("atr", period)
    {
        _average = new WilderAverage(period);
    }

    public override bool IsDefined => _average.IsDefined;

    public override void Update(Bar bar)
    {
        var range = bar.High - bar.Low;
        if (_previousClose is { } previous)
        {
            range = Math.Max(range, Math.Max(Math.Abs(bar.High - previous), Math.Abs(bar.Low - previous)));
        }

        _average.Add(range);
        _previousClose = bar.Close;
    }

    protected override decimal? ReadField(string field) => OnlyValue(field, _average.Value);
}
