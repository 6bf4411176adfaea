using Trading.Strategies.Bars;
using Trading.Strategies.Indicators;

namespace Trading.Strategies.Tests.Indicators;

public class StochasticTests
{
    // k 3, d 2. bars (H/L/C): 10/8/9, 11/9/10, 12/10/11, 13/11/11, 12/10/10.
    // bar 3: HH 12, LL 8 → %K = 100 × (11 − 8)/4 = 75.
    // bar 4: HH 13, LL 9 → %K = 100 × (11 − 9)/4 = 50; %D = (75 + 50)/2 = 62.5.
    // bar 5: HH 13, LL 10 → %K = 100 × (10 − 10)/3 = 0; %D = (50 + 0)/2 = 25.
    private static readonly Bar[] Bars =
    [
        TestBars.Ohlcv(0, 9m, 10m, 8m, 9m, 1m),
        TestBars.Ohlcv(1, 10m, 11m, 9m, 10m, 1m),
        TestBars.Ohlcv(2, 11m, 12m, 10m, 11m, 1m),
        TestBars.Ohlcv(3, 11m, 13m, 11m, 11m, 1m),
        TestBars.Ohlcv(4, 10m, 12m, 10m, 10m, 1m),
    ];

    [Theory]
    [InlineData("k", 50, 0)]
    [InlineData("value", 50, 0)]
    [InlineData("d", 62.5, 25)]
    public void Update_SmallPeriods_HandComputed(string field, decimal bar4, decimal bar5)
    {
        var actual = IndicatorAssert.Run(new Stochastic(3, 2), Bars, field, 10);

        Assert.Equal([null, null, null, bar4, bar5], actual);
    }

    [Fact]
    public void Read_NoRange_Fifty()
    {
        var actual = IndicatorAssert.Run(new Stochastic(2, 1), TestBars.FromCloses(5m, 5m), "k", 10);

        Assert.Equal([null, 50m], actual);
    }
}
