using Trading.Engine.Liquidity;
using Trading.Engine.Primitives;

namespace Trading.Engine.Tests.Liquidity;

public class OrderBookTests
{
    [Fact]
    public void Constructor_AsksNotRising_RefusedWithTheLevel()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new OrderBook("X", TestData.T0, [], [new BookLevel(101m, 1m), new BookLevel(100m, 1m)]));

        Assert.Contains("level 1 at 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_Crossed_Refused()
    {
        Assert.Throws<ArgumentException>(() => new OrderBook("X", TestData.T0, [new BookLevel(101m, 1m)], [new BookLevel(100m, 1m)]));
    }

    [Fact]
    public void OppositeOf_Buy_IsTheAsks()
    {
        var book = new OrderBook("X", TestData.T0, [new BookLevel(99m, 1m)], [new BookLevel(100m, 2m)]);

        Assert.Equal(100m, book.OppositeOf(OrderSide.Buy)[0].Price);
        Assert.Equal(99m, book.OppositeOf(OrderSide.Sell)[0].Price);
    }

    [Fact]
    public void BookLevel_NegativeSize_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BookLevel(1m, -1m));
    }
}
