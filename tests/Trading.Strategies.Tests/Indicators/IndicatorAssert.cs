using Trading.Strategies.Bars;
using Trading.Strategies.Indicators;

namespace Trading.Strategies.Tests.Indicators;

/// <summary>Feeds bars and collects one field after each bar (null while undefined), rounded for comparison with a table.</summary>
internal static class IndicatorAssert
{
    public static decimal?[] Run(Indicator indicator, IEnumerable<Bar> bars, string field, int decimals)
    {
        var values = new List<decimal?>();
        foreach (var bar in bars)
        {
            indicator.Update(bar);
            values.Add(indicator.IsDefined ? Math.Round(indicator.Read(field), decimals, MidpointRounding.AwayFromZero) : null);
        }

        return [.. values];
    }

    /// <summary>The expected series: <paramref name="warmUp"/> − 1 undefined bars, then the table's values.</summary>
    public static decimal?[] AfterWarmUp(int warmUp, params decimal[] values) =>
        [.. Enumerable.Repeat<decimal?>(null, warmUp - 1), .. values.Select(v => (decimal?)v)];
}
