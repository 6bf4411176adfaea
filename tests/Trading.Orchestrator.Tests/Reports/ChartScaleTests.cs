using Trading.Orchestrator.Reports;

namespace Trading.Orchestrator.Tests.Reports;

public sealed class ChartScaleTests
{
    [Fact]
    public void Ticks_OddEquityRange_RoundStepsCoveringIt()
    {
        var ticks = NiceScale.Ticks(96_573.28m, 100_193.97m, 4);

        Assert.Equal([96_000m, 97_000m, 98_000m, 99_000m, 100_000m, 101_000m], ticks);
    }

    [Fact]
    public void Ticks_SmallPercents_DecimalStepsWithoutFloatNoise()
    {
        Assert.Equal([-0.8m, -0.6m, -0.4m, -0.2m, 0m], NiceScale.Ticks(-0.6829m, 0m, 4));
    }

    [Fact]
    public void TimeLabels_FortyFiveSeconds_EachLabelDistinct()
    {
        var labels = SvgChart.TimeLabels(new DateTimeOffset(2026, 12, 1, 2, 20, 30, TimeSpan.Zero), 44);

        Assert.Equal(["02:20:30", "02:20:41", "02:20:52", "02:21:03", "02:21:14"], labels.Select(l => l.Label));
    }

    [Fact]
    public void TimeLabels_SevenDays_Dates()
    {
        var labels = SvgChart.TimeLabels(new DateTimeOffset(2026, 10, 1, 20, 0, 0, TimeSpan.Zero), 7 * 86400);

        Assert.Equal(5, labels.Select(l => l.Label).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("2026-10-01", labels[0].Label);
    }
}
