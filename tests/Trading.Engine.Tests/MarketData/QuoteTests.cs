using Trading.Engine.MarketData;

namespace Trading.Engine.Tests.MarketData;

public class QuoteTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void MarkPrice_BidAndAsk_IsMid()
    {
        var quote = new Quote("BTCUSDT", T0, 99.99m, 100.02m, 50m);

        Assert.Equal(100.005m, quote.Mid);
        Assert.Equal(100.005m, quote.MarkPrice);
    }

    [Fact]
    public void MarkPrice_LastOnly_IsLast()
    {
        var quote = new Quote("BTCUSDT", T0, null, null, 101.5m);

        Assert.Null(quote.Mid);
        Assert.Equal(101.5m, quote.MarkPrice);
    }

    [Fact]
    public void Constructor_CrossedQuote_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Quote("X", T0, 101m, 100m, null));
    }

    [Fact]
    public void Constructor_NoUsablePrice_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Quote("X", T0, 100m, null, null));
    }

    [Fact]
    public void Constructor_NonPositivePrice_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Quote("X", T0, null, null, 0m));
    }
}
