namespace Trading.Strategies.Indicators;

/// <summary>
/// An exponential moving average of a stream, alpha = 2/(period+1), seeded by the simple mean of its first
/// <c>period</c> values (the charting convention: the first value is an SMA, not the first input).
/// </summary>
internal sealed class ExponentialAverage
{
    private readonly int _period;
    private readonly decimal _alpha;
    private decimal _seedSum;
    private int _count;

    public ExponentialAverage(int period)
    {
        _period = period;
        _alpha = 2m / (period + 1);
    }

    public bool IsDefined => _count >= _period;

    public decimal Value { get; private set; }

    public void Add(decimal value)
    {
        if (_count >= _period)
        {
            Value += _alpha * (value - Value);
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
