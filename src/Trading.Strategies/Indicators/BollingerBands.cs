using Trading.Engine.MarketData.Simulation;
using Trading.Strategies.Bars;

namespace Trading.Strategies.Indicators;

/// <summary>
/// Bollinger bands of the close over <c>period</c> bars: middle = SMA, upper/lower = middle ± k × σ with σ the
/// POPULATION standard deviation (divide by n, not n − 1), as most charting packages and Bollinger himself use;
/// percent_b = (close − lower) / (upper − lower), 0.5 when the bands touch (σ = 0); width = (upper − lower) / middle.
/// σ comes from running sums: variance = Σx²/n − mean², which decimal's 28 digits keep exact enough for prices.
/// </summary>
internal sealed class BollingerBands : Indicator
{
    private readonly int _period;
    private readonly decimal _deviations;
    private readonly RollingWindow _closes;
    private readonly RollingWindow _squares;
    private decimal _lastClose;

    public BollingerBands(int period, decimal deviations)
        : base("bollinger", period)
    {
        _period = period;
        _deviations = deviations;
        _closes = new RollingWindow(period);
        _squares = new RollingWindow(period);
    }

    public override bool IsDefined => _closes.IsFull;

    private decimal Middle => _closes.Sum / _period;

    private decimal HalfWidth
    {
        get
        {
            var mean = Middle;
            var variance = (_squares.Sum / _period) - (mean * mean);

            // Rounding in the last digit can leave a flat window's variance a hair below zero.
            return _deviations * DecimalMath.Sqrt(Math.Max(variance, 0m));
        }
    }

    public override void Update(Bar bar)
    {
        _closes.Add(bar.Close);
        _squares.Add(bar.Close * bar.Close);
        _lastClose = bar.Close;
    }

    protected override decimal? ReadField(string field)
    {
        var middle = Middle;
        var half = HalfWidth;
        return field switch
        {
            IndicatorFields.Value or IndicatorFields.Middle => middle,
            IndicatorFields.Upper => middle + half,
            IndicatorFields.Lower => middle - half,
            IndicatorFields.PercentB => half == 0m ? 0.5m : (_lastClose - (middle - half)) / (2m * half),
            IndicatorFields.Width => 2m * half / middle,
            _ => null,
        };
    }
}
