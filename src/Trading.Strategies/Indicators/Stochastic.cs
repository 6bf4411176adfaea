using Trading.Strategies.Bars;

namespace Trading.Strategies.Indicators;

/// <summary>
/// The (fast) stochastic oscillator: %K = 100 × (close − lowest low) / (highest high − lowest low) over
/// <c>k_period</c> bars, 50 when the window has no range; %D = SMA of %K over <c>d_period</c>. <c>value</c> is %K.
/// Defined when %D is: from bar k_period + d_period − 1. The extremes are a scan of the fixed k_period window.
/// </summary>
internal sealed class Stochastic : Indicator
{
    private readonly RollingWindow _highs;
    private readonly RollingWindow _lows;
    private readonly SimpleAverage _d;
    private decimal _k;

    public Stochastic(int kPeriod, int dPeriod)
        : base("stochastic", kPeriod + dPeriod - 1)
    {
        _highs = new RollingWindow(kPeriod);
        _lows = new RollingWindow(kPeriod);
        _d = new SimpleAverage(dPeriod);
    }

    public override bool IsDefined => _d.IsDefined;

    public override void Update(Bar bar)
    {
        _highs.Add(bar.High);
        _lows.Add(bar.Low);
        if (!_highs.IsFull)
        {
            return;
        }

        var highest = _highs.Max();
        var lowest = _lows.Min();
        _k = highest == lowest ? 50m : 100m * (bar.Close - lowest) / (highest - lowest);
        _d.Add(_k);
    }

    protected override decimal? ReadField(string field) => field switch
    {
        IndicatorFields.Value or IndicatorFields.K => _k,
        IndicatorFields.D => _d.Value,
        _ => null,
    };
}
