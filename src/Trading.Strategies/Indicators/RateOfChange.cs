using Trading.Strategies.Bars;

namespace Trading.Strategies.Indicators;

/// <summary>
/// Rate of change of the close in percent: 100 × (close − close n bars ago) / close n bars ago. Needs the close of
/// n bars back, so it is defined from bar n + 1 (a window of n + 1 closes).
/// </summary>
internal sealed class RateOfChange : Indicator
{
    private readonly RollingWindow _closes;
    private decimal _value;

    public RateOfChange(int period)
        : base("roc", period + 1)
    {
        _closes = new RollingWindow(period + 1);
    }

    public override bool IsDefined => _closes.IsFull;

    public override void Update(Bar bar)
    {
        _closes.Add(bar.Close);
        if (_closes.IsFull)
        {
            // Bars are checked to have positive prices before they reach an indicator, so the base is never zero.
            _value = 100m * (bar.Close - _closes.Oldest) / _closes.Oldest;
        }
    }

    protected override decimal? ReadField(string field) => OnlyValue(field, _value);
}
