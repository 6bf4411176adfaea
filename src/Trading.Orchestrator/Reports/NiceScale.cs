namespace Trading.Orchestrator.Reports;

/// <summary>
/// Round axis steps: 1, 2 or 5 × 10^k, the smallest at least as large as a raw step, and the ticks they give over a
/// range (a chart's y axis, a histogram's bins). Decimal, so 0.1 + 0.2 is 0.3 on the axis too.
/// </summary>
public static class NiceScale
{
    /// <summary>The round step at least <paramref name="raw"/> (which must be above 0).</summary>
    public static decimal Step(decimal raw)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(raw);
        var magnitude = 1m;
        while (magnitude * 10 <= raw)
        {
            magnitude *= 10;
        }

        while (magnitude > raw)
        {
            magnitude /= 10;
        }

        foreach (var factor in new[] { 1m, 2m, 5m, 10m })
        {
            if (magnitude * factor >= raw)
            {
                return magnitude * factor;
            }
        }

        return magnitude * 10;
    }

    /// <summary>Round ticks covering [low, high] with about <paramref name="count"/> intervals: the first at or below low, the last at or above high.</summary>
    public static IReadOnlyList<decimal> Ticks(decimal low, decimal high, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (high <= low)
        {
            (low, high) = (low - 1, high + 1);
        }

        var step = Step((high - low) / count);
        var first = Math.Floor(low / step) * step;
        var ticks = new List<decimal>();
        for (var tick = first; ticks.Count == 0 || ticks[^1] < high; tick += step)
        {
            ticks.Add(tick / 1.0000000000000000000000000000m);
        }

        return ticks;
    }
}
