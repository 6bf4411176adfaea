using Trading.Engine.Primitives;
using Trading.Engine.Queue;

namespace Trading.Engine.Tests.Queue;

public class QueuePositionTests
{
    private static TradePrint Print(decimal price, decimal size, OrderSide? aggressor = OrderSide.Sell) =>
        new(TestData.T0, price, size, aggressor);

    [Fact]
    public void After_QueueOf100AndPrintsOf80Then30_TenFilled()
    {
        var order = QueuePosition.Join(OrderSide.Buy, limitPrice: 100m, quantity: 50m, displayedAtPrice: 100m);

        var (afterFirst, firstFill) = order.After(Print(100m, 80m));
        var (afterSecond, secondFill) = afterFirst.After(Print(100m, 30m));

        Assert.Equal(0m, firstFill);
        Assert.Equal(20m, afterFirst.Ahead);
        Assert.Equal(10m, secondFill);
        Assert.Equal(0m, afterSecond.Ahead);
        Assert.Equal(40m, afterSecond.Open);
    }

    [Fact]
    public void After_PrintBeyondTheQueueLargerThanTheOrder_FillsTheOrderOnly()
    {
        var order = QueuePosition.Join(OrderSide.Sell, 100m, 5m, displayedAtPrice: 10m);

        var (next, filled) = order.After(Print(100m, 100m, OrderSide.Buy));

        Assert.Equal(5m, filled);
        Assert.True(next.IsFilled);
    }

    [Fact]
    public void After_TradeThroughThePrice_FillsEverythingOpen()
    {
        var order = QueuePosition.Join(OrderSide.Buy, 100m, 50m, displayedAtPrice: 1_000m);

        var (next, filled) = order.After(Print(99.99m, 1m));

        Assert.Equal(50m, filled);
        Assert.True(next.IsFilled);
    }

    [Theory]
    [InlineData(OrderSide.Buy, "100", OrderSide.Buy)] // at its price, but buyers lifting asks
    [InlineData(OrderSide.Buy, "100.01", OrderSide.Sell)] // above a resting buy: not its price
    [InlineData(OrderSide.Sell, "99.99", OrderSide.Buy)] // below a resting sell
    public void After_PrintNotAgainstTheOrder_NothingChanges(OrderSide side, string price, OrderSide aggressor)
    {
        var order = QueuePosition.Join(side, 100m, 5m, displayedAtPrice: 10m);

        var (next, filled) = order.After(Print(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), 50m, aggressor));

        Assert.Equal(0m, filled);
        Assert.Equal(order, next);
    }

    [Fact]
    public void After_UnknownAggressorAtThePrice_WorksOffTheQueue()
    {
        var order = QueuePosition.Join(OrderSide.Buy, 100m, 5m, displayedAtPrice: 10m);

        var (next, filled) = order.After(Print(100m, 12m, aggressor: null));

        Assert.Equal(2m, filled);
        Assert.Equal(3m, next.Open);
    }

    [Fact]
    public void After_Filled_NothingMore()
    {
        var (filledOrder, _) = QueuePosition.Join(OrderSide.Buy, 100m, 1m, 0m).After(Print(100m, 1m));

        Assert.Equal(0m, filledOrder.After(Print(99m, 10m)).Filled);
    }

    [Fact]
    public void FromVolumeChange_VolumeGrew_PrintOfTheIncreaseAtLast()
    {
        var print = TradePrint.FromVolumeChange(TestData.T0, last: 100m, previousVolume: 1_000m, volume: 1_030m);

        Assert.Equal(new TradePrint(TestData.T0, 100m, 30m), print);
        Assert.Null(TradePrint.FromVolumeChange(TestData.T0, 100m, 1_000m, 10m));
    }
}
