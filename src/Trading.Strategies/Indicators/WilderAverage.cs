namespace Trading.Strategies.Indicators;

/// <summary>
/// Wilder's smoothing, as in RSI and ATR: the first value is the simple mean of the first <c>period</c> inputs, then
/// avg = (prev × (period − 1) + x) / period (an EMA with alpha 1/period).
/// </summary>
internal sealed class WilderAverage
{
    private readonly int _period;
    private decimal _seedSum;
    private int _count;

    public WilderAverage(int period)
    {
        _period = period;
    }

    public bool IsDefined => _count >= _period;

    public decimal Value { get; private set; }

    public void Add(decimal value)
    {
        if (_count >= _period)
        {
            Value = ((Value * (_period - 1)) + value) / _period;
            return;
        }

        _seedSum += value;
        _count++;
        if (_count == _period)
        {
            Value = _seedSum / _period;
        }
    }
}
