namespace Trading.Strategies.Indicators;

/// <summary>The mean of the last <c>period</c> values of a stream; defined once <c>period</c> values have arrived.</summary>
internal sealed class SimpleAverage
{
    private readonly RollingWindow _window;
    private readonly int _period;

    public SimpleAverage(int period)
    {
        _period = period;
        _window = new RollingWindow(period);
    }

    public bool IsDefined => _window.IsFull;

    public decimal Value => _window.Sum / _period;

    public void Add(decimal value) => _window.Add(value);
}
