using Trading.Strategies.Indicators;

namespace Trading.Strategies.Tests.Indicators;

public class RateOfChangeTests
{
    [Fact]
    public void Update_PeriodTwo_PercentAgainstTwoBarsBack()
    {
        // bar 3: 100 × (121 − 100)/100 = 21; bar 4: 100 × (99 − 110)/110 = −10.
        var actual = IndicatorAssert.Run(new RateOfChange(2), TestBars.FromCloses(100m, 110m, 121m, 99m), "value", 10);

        Assert.Equal([null, null, 21m, -10m], actual);
        Assert.Equal(3, new RateOfChange(2).WarmUpBars);
    }
}
