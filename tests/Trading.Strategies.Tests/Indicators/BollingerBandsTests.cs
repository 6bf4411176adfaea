using Trading.Strategies.Indicators;

namespace Trading.Strategies.Tests.Indicators;

public class BollingerBandsTests
{
    // closes 2, 4, 4, 4, 5, 5, 7, 9 (period 8, k = 2): mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32;
    // population variance 32/8 = 4, σ = 2 (the sample σ would be √(32/7) = 2.138, upper 9.28 — not used).
    // upper 5 + 2×2 = 9, lower 5 − 4 = 1, %b = (9 − 1)/(9 − 1) = 1, width = (9 − 1)/5 = 1.6.
    private static readonly decimal[] Closes = [2m, 4m, 4m, 4m, 5m, 5m, 7m, 9m];

    [Theory]
    [InlineData("middle", 5)]
    [InlineData("value", 5)]
    [InlineData("upper", 9)]
    [InlineData("lower", 1)]
    [InlineData("percent_b", 1)]
    [InlineData("width", 1.6)]
    public void Update_TextbookWindow_PopulationDeviation(string field, decimal expected)
    {
        var actual = IndicatorAssert.Run(new BollingerBands(8, 2m), TestBars.FromCloses(Closes), field, 10);

        Assert.Equal(IndicatorAssert.AfterWarmUp(8, expected), actual);
    }

    [Fact]
    public void Read_FlatWindow_BandsTouchPercentBHalf()
    {
        var bands = new BollingerBands(3, 2m);
        foreach (var bar in TestBars.FromCloses(7m, 7m, 7m))
        {
            bands.Update(bar);
        }

        Assert.Equal(7m, bands.Read("upper"));
        Assert.Equal(7m, bands.Read("lower"));
        Assert.Equal(0.5m, bands.Read("percent_b"));
        Assert.Equal(0m, bands.Read("width"));
    }
}
