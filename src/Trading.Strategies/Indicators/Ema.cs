using Trading.Strategies.Bars;

namespace Trading.Strategies.Indicators;

/// <summary>EMA of the close, alpha = 2/(period+1), seeded by the SMA of the first <c>period</c> closes.</summary>
internal sealed class Ema : Indicator
{
    private readonly ExponentialAverage _average;

    public Ema(int period)
        : base("ema", period)
    {
        _average = new ExponentialAverage(period);
    }

    public override bool IsDefined => _average.IsDefined;

    public override void Update(Bar bar) => _average.Add(bar.Close);

    protected override decimal? ReadField(string field) => OnlyValue(field, _average.Value);
}
