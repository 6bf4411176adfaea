using Trading.Strategies.Bars;

namespace Trading.Strategies.Indicators;

/// <summary>
/// MACD of the close: macd = EMA(fast) − EMA(slow), signal = EMA(signal) of the macd line (seeded, like every EMA here,
/// by the SMA of its first values), histogram = macd − signal; <c>value</c> is the macd line. Defined when the signal
/// is: from bar slow + signal − 1 (34 for 12/26/9).
/// </summary>
internal sealed class Macd : Indicator
{
    private readonly ExponentialAverage _fast;
    private readonly ExponentialAverage _slow;
    private readonly ExponentialAverage _signal;

    public Macd(int fast, int slow, int signal)
        : base("macd", slow + signal - 1)
    {
        _fast = new ExponentialAverage(fast);
        _slow = new ExponentialAverage(slow);
        _signal = new ExponentialAverage(signal);
    }

    public override bool IsDefined => _signal.IsDefined;

    private decimal Line => _fast.Value - _slow.Value;

    public override void Update(Bar bar)
    {
        _fast.Add(bar.Close);
        _slow.Add(bar.Close);
        if (_fast.IsDefined && _slow.IsDefined)
        {
            _signal.Add(Line);
        }
    }

    protected override decimal? ReadField(string field) => field switch
    {
        IndicatorFields.Value or IndicatorFields.Macd => Line,
        IndicatorFields.Signal => _signal.Value,
        IndicatorFields.Histogram => Line - _signal.Value,
        _ => null,
    };
}
