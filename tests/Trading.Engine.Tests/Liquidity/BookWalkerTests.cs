using Trading.Engine.Liquidity;
using Trading.Engine.Primitives;

namespace Trading.Engine.Tests.Liquidity;

public class BookWalkerTests
{
    private static readonly BookLevel[] Asks = [new(100.00m, 2m), new(100.50m, 3m), new(101.00m, 5m)];

    private static readonly BookLevel[] Bids = [new(99.90m, 1m), new(99.50m, 4m), new(99.00m, 10m)];

    [Fact]
    public void Walk_BuyThroughThreeLevels_EachLevelAtItsOwnPrice()
    {
        var walk = BookWalker.Walk(OrderSide.Buy, 7m, Asks, lotSize: 0.001m);

        // 2 × 100.00 + 3 × 100.50 + 2 × 101.00 = 200 + 301.5 + 202 = 703.5; 703.5 / 7 = 100.5
        Assert.Equal([new LevelFill(100.00m, 2m), new LevelFill(100.50m, 3m), new LevelFill(101.00m, 2m)], walk.Fills);
        Assert.Equal(7m, walk.Filled);
        Assert.Equal(0m, walk.Remaining);
        Assert.Equal(703.5m, walk.Notional);
        Assert.Equal(100.5m, walk.AveragePrice);
        Assert.False(walk.IsPartial);
    }

    [Fact]
    public void Walk_SellThroughThreeLevels_HitsBidsBestFirst()
    {
        var walk = BookWalker.Walk(OrderSide.Sell, 6m, Bids, lotSize: 1m);

        // 1 × 99.90 + 4 × 99.50 + 1 × 99.00 = 99.9 + 398 + 99 = 596.9
        Assert.Equal([new LevelFill(99.90m, 1m), new LevelFill(99.50m, 4m), new LevelFill(99.00m, 1m)], walk.Fills);
        Assert.Equal(596.9m, walk.Notional);
    }

    [Fact]
    public void Walk_BookRunsOut_PartialWithTheRestRemaining()
    {
        var walk = BookWalker.Walk(OrderSide.Buy, 12m, Asks, lotSize: 0.001m);

        Assert.Equal(10m, walk.Filled);
        Assert.Equal(2m, walk.Remaining);
        Assert.True(walk.IsPartial);
        Assert.Equal(1006.5m, walk.Notional);
    }

    [Fact]
    public void Walk_MarketableLimit_StopsAtTheFirstLevelWorseThanTheLimit()
    {
        var walk = BookWalker.Walk(OrderSide.Buy, 7m, Asks, lotSize: 0.001m, limitPrice: 100.50m);

        Assert.Equal(5m, walk.Filled);
        Assert.Equal(2m, walk.Remaining);
        Assert.Equal(100.50m, walk.Fills[^1].Price);
    }

    [Fact]
    public void Walk_LevelSizeBelowALot_TakesWholeLotsOnly()
    {
        var walk = BookWalker.Walk(OrderSide.Buy, 3m, [new BookLevel(10m, 1.7m), new BookLevel(11m, 5m)], lotSize: 1m);

        Assert.Equal([new LevelFill(10m, 1m), new LevelFill(11m, 2m)], walk.Fills);
    }

    [Fact]
    public void Walk_EmptyBook_NothingFilled()
    {
        var walk = BookWalker.Walk(OrderSide.Buy, 1m, [], lotSize: 1m);

        Assert.Equal(0m, walk.Filled);
        Assert.Null(walk.AveragePrice);
        Assert.False(walk.IsPartial);
    }

    [Fact]
    public void Walk_ZeroQuantity_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BookWalker.Walk(OrderSide.Buy, 0m, Asks, 1m));
    }
}
