using Trading.Strategies.Bars;

namespace Trading.Strategies.Indicators;

/// <summary>
/// Simple moving average of one bar input over <c>period</c> bars: of the close for <c>sma</c>, of the volume for
/// <c>volume_sma</c>. Defined from the <c>period</c>-th bar.
/// </summary>
internal sealed class Sma : Indicator
{
    private readonly Func<Bar, decimal> _input;
    private readonly SimpleAverage _average;

    public Sma(string name, int period, Func<Bar, decimal> input)
        : base(name, period)
    {
        _input = input;
        _average = new SimpleAverage(period);
    }

    public override bool IsDefined => _average.IsDefined;

    public override void Update(Bar bar) => _average.Add(_input(bar));

    protected override decimal? ReadField(string field) => OnlyValue(field, _average.Value);
}
