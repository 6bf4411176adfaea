using Trading.Strategies.Bars;
using Trading.Strategies.Indicators;

namespace Trading.Strategies.Tests.Indicators;

public class AtrTests
{
    [Fact]
    public void Update_PeriodThree_WilderByHand()
    {
        // TR1 = 10 − 8 = 2 (no previous close); TR2 = max(2, |11 − 9|, |9 − 9|) = 2; TR3 = max(1.5, |12 − 10|, |10.5 − 10|) = 2
        // → ATR3 = (2+2+2)/3 = 2. TR4 = max(3.5, |11.5 − 11|, |8 − 11|) = 3.5 → ATR = (2×2 + 3.5)/3 = 2.5.
        // TR5 (gap up) = max(1, |14 − 9|, |13 − 9|) = 5 → ATR = (2.5×2 + 5)/3 = 3.3333333333.
        Bar[] bars =
        [
            TestBars.Ohlcv(0, 9m, 10m, 8m, 9m, 1m),
            TestBars.Ohlcv(1, 10m, 11m, 9m, 10m, 1m),
            TestBars.Ohlcv(2, 11m, 12m, 10.5m, 11m, 1m),
            TestBars.Ohlcv(3, 9m, 11.5m, 8m, 9m, 1m),
            TestBars.Ohlcv(4, 13.5m, 14m, 13m, 13.5m, 1m),
        ];

        var actual = IndicatorAssert.Run(new Atr(3), bars, "value", 10);

        Assert.Equal([null, null, 2m, 2.5m, 3.3333333333m], actual);
    }
}
