namespace Trading.Strategies.Indicators;

/// <summary>
/// The last <c>capacity</c> values in a ring buffer with their running sum. Decimal addition is exact within 28 digits,
/// so subtracting the value that leaves keeps the sum equal to a fresh sum of the window (no drift over long sessions).
/// </summary>
internal sealed class RollingWindow
{
    private readonly decimal[] _values;
    private int _next;

    public RollingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _values = new decimal[capacity];
    }

    public int Count { get; private set; }

    public bool IsFull => Count == _values.Length;

    public decimal Sum { get; private set; }

    /// <summary>The oldest value held (the one the next <see cref="Add"/> pushes out once full).</summary>
    public decimal Oldest => IsFull ? _values[_next] : _values[0];

    public void Add(decimal value)
    {
        if (IsFull)
        {
            Sum -= _values[_next];
        }
        else
        {
            Count++;
        }

        _values[_next] = value;
        Sum += value;
        _next = (_next + 1) % _values.Length;
    }

    public decimal Max()
    {
        var max = _values[0];
        for (var i = 1; i < Count; i++)
        {
            max = Math.Max(max, _values[i]);
        }

        return max;
    }

    public decimal Min()
    {
        var min = _values[0];
        for (var i = 1; i < Count; i++)
        {
            min = Math.Min(min, _values[i]);
        }

        return min;
    }
}
