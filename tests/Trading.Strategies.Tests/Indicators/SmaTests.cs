using Trading.Strategies.Bars;
using Trading.Strategies.Indicators;

namespace Trading.Strategies.Tests.Indicators;

public class SmaTests
{
    [Fact]
    public void Update_StockChartsTenDayExample_MatchesPublishedSmaColumn()
    {
        // StockCharts' 10-day SMA column, first value on the 10th close: (22.27 + ... + 22.29) / 10 = 222.21 / 10 = 22.221;
        // the 13th value is 235.25 / 10 = 23.525, shown half away from zero as the spreadsheet does: 23.53.
        var expected = IndicatorAssert.AfterWarmUp(
            10,
            22.22m, 22.21m, 22.23m, 22.26m, 22.30m, 22.42m, 22.61m, 22.77m, 22.91m, 23.08m, 23.21m,
            23.38m, 23.53m, 23.65m, 23.71m, 23.68m, 23.61m, 23.51m, 23.43m, 23.28m, 23.13m);

        var actual = IndicatorAssert.Run(
            new Sma("sma", 10, b => b.Close), TestBars.FromCloses(ReferenceSeries.StockChartsMovingAverageCloses), "value", 2);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Update_ThreeBarWindow_ExactMeansAfterWarmUp()
    {
        // (1+2+3)/3 = 2, (2+3+7)/3 = 4, (3+7+8)/3 = 6: the oldest value leaves the window exactly.
        var actual = IndicatorAssert.Run(new Sma("sma", 3, b => b.Close), TestBars.FromCloses(1m, 2m, 3m, 7m, 8m), "value", 10);

        Assert.Equal([null, null, 2m, 4m, 6m], actual);
    }

    [Fact]
    public void Update_VolumeInput_AveragesVolume()
    {
        // volume_sma(2) of volumes 1, 3, 0: (1+3)/2 = 2, (3+0)/2 = 1.5.
        Bar[] bars = [TestBars.Ohlcv(0, 10m, 10m, 10m, 10m, 1m), TestBars.Ohlcv(1, 10m, 10m, 10m, 10m, 3m), TestBars.Ohlcv(2, 10m, 10m, 10m, 10m, 0m)];

        var actual = IndicatorAssert.Run(new Sma("volume_sma", 2, b => b.Volume), bars, "value", 10);

        Assert.Equal([null, 2m, 1.5m], actual);
    }

    [Fact]
    public void Read_DuringWarmUp_Throws()
    {
        var sma = new Sma("sma", 2, b => b.Close);
        sma.Update(TestBars.Close(0, 5m));

        Assert.Equal(2, sma.WarmUpBars);
        Assert.False(sma.IsDefined);
        Assert.Throws<InvalidOperationException>(() => sma.Read("value"));
    }
}
