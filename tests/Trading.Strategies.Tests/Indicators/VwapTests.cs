using Trading.Strategies.Bars;
using Trading.Strategies.Indicators;

namespace Trading.Strategies.Tests.Indicators;

public class VwapTests
{
    [Fact]
    public void Update_PeriodTwo_RollingVolumeWeightedTypicalPrice()
    {
        // typical prices (H+L+C)/3: 10, 20, 30, 40 with volumes 1, 3, 0, 0.
        // bar 2: (10×1 + 20×3)/(1+3) = 70/4 = 17.5; bar 3: (20×3 + 30×0)/3 = 20; bar 4: no volume in the window → undefined.
        Bar[] bars =
        [
            TestBars.Ohlcv(0, 10m, 12m, 8m, 10m, 1m),
            TestBars.Ohlcv(1, 20m, 22m, 18m, 20m, 3m),
            TestBars.Ohlcv(2, 30m, 32m, 28m, 30m, 0m),
            TestBars.Ohlcv(3, 40m, 40m, 40m, 40m, 0m),
        ];

        var actual = IndicatorAssert.Run(new Vwap(2), bars, "value", 10);

        Assert.Equal([null, 17.5m, 20m, null], actual);
    }
}
