using Trading.Strategies.Indicators;

namespace Trading.Strategies.Tests.Indicators;

public class MacdTests
{
    // fast 2 (alpha 2/3), slow 3 (alpha 1/2), signal 2 (alpha 2/3); closes 10, 12, 14, 13, 16.
    // EMA2: bar 2 seed (10+12)/2 = 11; bar 3 11 + 2/3 × 3 = 13; bar 4 13 + 2/3 × 0 = 13; bar 5 13 + 2/3 × 3 = 15.
    // EMA3: bar 3 seed (10+12+14)/3 = 12; bar 4 12 + 1/2 × 1 = 12.5; bar 5 12.5 + 1/2 × 3.5 = 14.25.
    // macd: bar 3 1; bar 4 0.5; bar 5 0.75.
    // signal: bar 4 seed (1 + 0.5)/2 = 0.75; bar 5 0.75 + 2/3 × 0 = 0.75. histogram: bar 4 −0.25, bar 5 0.
    private static readonly decimal[] Closes = [10m, 12m, 14m, 13m, 16m];

    [Theory]
    [InlineData("macd", 0.5, 0.75)]
    [InlineData("value", 0.5, 0.75)]
    [InlineData("signal", 0.75, 0.75)]
    [InlineData("histogram", -0.25, 0)]
    public void Update_SmallPeriods_HandComputedFields(string field, decimal bar4, decimal bar5)
    {
        var actual = IndicatorAssert.Run(new Macd(2, 3, 2), TestBars.FromCloses(Closes), field, 10);

        Assert.Equal([null, null, null, bar4, bar5], actual);
    }

    [Fact]
    public void WarmUpBars_Defaults_ThirtyFour()
    {
        // The macd line needs 26 closes, the signal 9 macd values: 26 + 9 − 1.
        Assert.Equal(34, new Macd(12, 26, 9).WarmUpBars);
    }
}
