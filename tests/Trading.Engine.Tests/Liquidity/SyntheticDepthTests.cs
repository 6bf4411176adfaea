using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;

namespace Trading.Engine.Tests.Liquidity;

public class SyntheticDepthTests
{
    private static readonly Quote Quote = new("X", TestData.T0, 99.9m, 100m, null, bidSize: 1m, askSize: 2m);

    [Fact]
    public void BookFor_QuoteWithSizes_TouchSizeThenUnitsPerTickWorse()
    {
        var book = new SyntheticDepth(unitsPerTick: 5m, tickSize: 0.1m, levels: 3).BookFor(Quote);

        Assert.Equal([new BookLevel(100m, 2m), new BookLevel(100.1m, 5m), new BookLevel(100.2m, 5m)], book.Asks);
        Assert.Equal([new BookLevel(99.9m, 1m), new BookLevel(99.8m, 5m), new BookLevel(99.7m, 5m)], book.Bids);
    }

    [Fact]
    public void BookFor_LargeBuy_PaysForItsSize()
    {
        var book = new SyntheticDepth(5m, 0.1m, 3).BookFor(Quote);

        var walk = BookWalker.Walk(OrderSide.Buy, 10m, book.Asks, lotSize: 1m);

        // 2 × 100 + 5 × 100.1 + 3 × 100.2 = 200 + 500.5 + 300.6 = 1001.1 → 100.11 a unit, not the touch's 100
        Assert.Equal(1001.1m, walk.Notional);
        Assert.Equal(100.11m, walk.AveragePrice);
    }

    [Fact]
    public void BookFor_NoQuotedSize_UnitsPerTickAtTheTouch()
    {
        var book = new SyntheticDepth(5m, 0.1m, 2).BookFor(new Quote("X", TestData.T0, 99.9m, 100m, null));

        Assert.Equal(new BookLevel(100m, 5m), book.Asks[0]);
    }

    [Fact]
    public void BookFor_BidsNearZero_StopBeforeAZeroPrice()
    {
        var book = new SyntheticDepth(1m, 0.1m, 10).BookFor(new Quote("X", TestData.T0, 0.2m, 0.3m, null));

        Assert.Equal([new BookLevel(0.2m, 1m), new BookLevel(0.1m, 1m)], book.Bids);
    }

    [Fact]
    public void BookFor_LastOnly_EmptyBook()
    {
        var book = new SyntheticDepth(1m, 0.1m, 3).BookFor(new Quote("X", TestData.T0, null, null, 100m));

        Assert.Empty(book.Asks);
        Assert.Empty(book.Bids);
    }

    [Fact]
    public void Constructor_ZeroLevels_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticDepth(1m, 0.1m, 0));
    }
}
