using System.Globalization;
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

    [Theory]
    [InlineData("1m", "2026-12-01T10:00:00Z", "2026-12-01T10:01:00Z")] // on a close: the next one
    [InlineData("1m", "2026-12-01T10:00:59.999Z", "2026-12-01T10:01:00Z")]
    [InlineData("4h", "2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z")] // 4h bars close at 0, 4, 8, 12, 16, 20 UTC
    [InlineData("1d", "2026-12-01T23:59:59Z", "2026-12-02T00:00:00Z")]
    [InlineData("3m", "1999-12-31T23:58:00Z", "2000-01-01T00:00:00Z")] // before the origin, still on its grid
    [InlineData("3m", "1999-12-31T23:57:00Z", "2000-01-01T00:00:00Z")]
    [InlineData("3m", "1999-12-31T23:56:59Z", "1999-12-31T23:57:00Z")]
    public void NextClose_AnyTime_FirstCloseStrictlyAfterOnTheBarGrid(string timeframe, string now, string expected)
    {
        Assert.True(Timeframes.TryParse(timeframe, out var length));

        var next = Timeframes.NextClose(length, DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), next);
    }
}
