using Trading.Strategies.Bars;

namespace Trading.Strategies.Tests.Bars;

public class TimeframesTests
{
    [Theory]
    [InlineData("1m", 60)]
    [InlineData("3m", 180)]
    [InlineData("15m", 900)]
    [InlineData("4h", 14_400)]
    [InlineData("12h", 43_200)]
    [InlineData("1d", 86_400)]
    public void TryParse_KnownName_Length(string name, int seconds)
    {
        Assert.True(Timeframes.TryParse(name, out var length));
        Assert.Equal(TimeSpan.FromSeconds(seconds), length);
    }

    [Theory]
    [InlineData("1M")]
    [InlineData("2d")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownName_False(string? name)
    {
        Assert.False(Timeframes.TryParse(name, out _));
    }

    [Fact]
    public void Names_All_ShortestFirst()
    {
        Assert.Equal(["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d"], Timeframes.Names);
    }
}
