using Trading.Strategies.Bars;

namespace Trading.Strategies.Indicators;

/// <summary>
/// Wilder's RSI of the close: gains and losses of close-to-close changes, each smoothed by <see cref="WilderAverage"/>;
/// RSI = 100 × avgGain / (avgGain + avgLoss), the same as 100 − 100/(1 + RS), and 100 when avgLoss is 0 (also on a flat
/// series, by convention). The first change needs a previous close, so it is defined from bar <c>period + 1</c>.
/// </summary>
internal sealed class Rsi : Indicator
{
    private readonly WilderAverage _gains;
    private readonly WilderAverage _losses;
    private decimal? _previousClose;

    public Rsi(int period)
        : base("rsi", period + 1)
    {
        _gains = new WilderAverage(period);
        _losses = new WilderAverage(period);
    }

    public override bool IsDefined => _gains.IsDefined;

    public override void Update(Bar bar)
    {
        if (_previousClose is { } previous)
        {
            var change = bar.Close - previous;
            _gains.Add(Math.Max(change, 0m));
            _losses.Add(Math.Max(-change, 0m));
        }

        _previousClose = bar.Close;
    }

    protected override decimal? ReadField(string field) =>
        OnlyValue(field, _losses.Value == 0m ? 100m : 100m * _gains.Value / (_gains.Value + _losses.Value));
}
