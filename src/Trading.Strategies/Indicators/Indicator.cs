using Trading.Strategies.Bars;

namespace Trading.Strategies.Indicators;

/// <summary>
/// An indicator fed one closed bar at a time. Each update costs O(1) (or a scan of a fixed window of its period), so a
/// session running for months costs the same per bar as on its first day.
/// </summary>
internal abstract class Indicator
{
    protected Indicator(string name, int warmUpBars)
    {
        Name = name;
        WarmUpBars = warmUpBars;
    }

    public string Name { get; }

    /// <summary>Bars needed before <see cref="IsDefined"/> becomes true (for a gap-free series).</summary>
    public int WarmUpBars { get; }

    /// <summary>False during warm-up: a value read then would be a guess, so no condition may use it.</summary>
    public abstract bool IsDefined { get; }

    public abstract void Update(Bar bar);

    /// <summary>The current value of one of the fields the catalog lists for this indicator.</summary>
    public decimal Read(string field)
    {
        if (!IsDefined)
        {
            throw new InvalidOperationException($"{Name} is still warming up; check IsDefined before reading it.");
        }

        return ReadField(field)
            ?? throw new ArgumentOutOfRangeException(nameof(field), field, $"{Name} has no field '{field}'.");
    }

    /// <summary>The field's value once defined, or null when the indicator has no such field.</summary>
    protected abstract decimal? ReadField(string field);

    /// <summary>For single-value indicators: <paramref name="value"/> when <paramref name="field"/> is <c>value</c>.</summary>
    protected static decimal? OnlyValue(string field, decimal value) => field == IndicatorFields.Value ? value : null;
}
