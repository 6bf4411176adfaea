using Trading.Strategies.Indicators;

namespace Trading.Strategies.Tests.Indicators;

public class RsiTests
{
    [Fact]
    public void Update_StockChartsWilderExample_MatchesPublishedRsiColumn()
    {
        // StockCharts ChartSchool RSI spreadsheet: first average gain 0.2384, first average loss 0.0996 over 14 changes,
        // RS = 2.39, RSI = 70.53 on the 15th close; then Wilder's smoothing.
        var expected = IndicatorAssert.AfterWarmUp(
            15,
            70.53m, 66.32m, 66.55m, 69.41m, 66.36m, 57.97m, 62.93m, 63.26m, 56.06m, 62.38m,
            54.71m, 50.42m, 39.99m, 41.46m, 41.87m, 45.46m, 37.30m, 33.08m, 37.77m);

        var actual = IndicatorAssert.Run(new Rsi(14), TestBars.FromCloses(ReferenceSeries.StockChartsRsiCloses), "value", 2);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Update_PeriodTwo_WilderSmoothingByHand()
    {
        // closes 10, 12, 11, 14, 13. changes +2, −1, +3, −1.
        // bar 3: avgGain (2+0)/2 = 1, avgLoss (0+1)/2 = 0.5 → RSI = 100 × 1/1.5 = 66.6667
        // bar 4: avgGain (1×1+3)/2 = 2, avgLoss (0.5×1+0)/2 = 0.25 → RSI = 100 × 2/2.25 = 88.8889
        // bar 5: avgGain (2+0)/2 = 1, avgLoss (0.25+1)/2 = 0.625 → RSI = 100 × 1/1.625 = 61.5385
        var actual = IndicatorAssert.Run(new Rsi(2), TestBars.FromCloses(10m, 12m, 11m, 14m, 13m), "value", 4);

        Assert.Equal([null, null, 66.6667m, 88.8889m, 61.5385m], actual);
    }

    [Fact]
    public void Read_NoLosses_Hundred()
    {
        var actual = IndicatorAssert.Run(new Rsi(2), TestBars.FromCloses(10m, 11m, 12m, 12m), "value", 10);

        Assert.Equal([null, null, 100m, 100m], actual);
        Assert.Equal(3, new Rsi(2).WarmUpBars);
    }
}
