using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Orders.Resting.MatchFixture;

namespace Trading.Engine.Tests.Orders.Resting;

public class ArrivalPlannerTests
{
    [Fact]
    public void Place_BuyLimitAboveAsk_FillsAtAskPlusSlippageAsTakerNotAtLimit()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Buy, OrderType.Limit, limit: 101m), Q(99.9m, 100m), Ctx());

        // 100 × 1.0001 = 100.01: price improvement of 0.99 against the 101 limit
        Assert.NotNull(result.Fill);
        Assert.Equal(100.01m, result.Fill.Price);
        Assert.Equal(100m, result.Fill.ReferencePrice);
        Assert.Equal(LiquidityRole.Taker, result.Fill.Role);
        Assert.Equal(OrderStatus.Filled, result.Order.Status);
        Assert.False(result.Rests);
    }

    [Fact]
    public void Place_BuyLimitAtAskSlippageBeyondLimit_CappedAtLimit()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Buy, OrderType.Limit, limit: 100m), Q(99.9m, 100m), Ctx());

        Assert.NotNull(result.Fill);
        Assert.Equal(100m, result.Fill.Price);
    }

    [Fact]
    public void Place_BuyLimitOffTick_RoundedDownSoFillsNeverExceedIt()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Buy, OrderType.Limit, limit: 99.999m), Q(99.9m, 100m), Ctx());

        Assert.Null(result.Fill);
        Assert.Equal(99.99m, result.Order.LimitPrice);
        Assert.Equal(OrderStatus.Open, result.Order.Status);
        Assert.Equal("resting GTC limit 99.99", result.Reason);
        Assert.True(result.Rests);
    }

    [Fact]
    public void Place_SellLimitBelowBid_FillsAtBidLessSlippage()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Sell, OrderType.Limit, limit: 95m), Q(100m, 100.1m), Ctx());

        // 100 × 0.9999 = 99.99
        Assert.NotNull(result.Fill);
        Assert.Equal(99.99m, result.Fill.Price);
    }

    [Fact]
    public void Place_IocAgainstThinSize_FillsAvailableAndCancelsRest()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Buy, OrderType.Limit, 10m, limit: 101m, tif: TimeInForce.Ioc), Q(99.9m, 100m, askSize: 4m), Ctx());

        Assert.NotNull(result.Fill);
        Assert.Equal(4m, result.Fill.Quantity);
        Assert.Equal(OrderStatus.Canceled, result.Order.Status);
        Assert.Equal(4m, result.Order.FilledQuantity);
        Assert.Equal(6m, result.Order.Quantity);
        Assert.Equal("IOC: 4 filled, remaining 6 canceled", result.Reason);
    }

    [Fact]
    public void Place_IocNotMarketable_CanceledWithoutFill()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Buy, OrderType.Limit, limit: 99m, tif: TimeInForce.Ioc), Q(99.9m, 100m), Ctx());

        Assert.Null(result.Fill);
        Assert.Equal(OrderStatus.Canceled, result.Order.Status);
    }

    [Fact]
    public void Place_FokAgainstThinSize_CanceledWithNothingFilled()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Buy, OrderType.Limit, 10m, limit: 101m, tif: TimeInForce.Fok), Q(99.9m, 100m, askSize: 9.999m), Ctx());

        Assert.Null(result.Fill);
        Assert.Equal(OrderStatus.Canceled, result.Order.Status);
        Assert.Equal(0m, result.Order.FilledQuantity);
        Assert.Equal("FOK not filled: 9.999 of 10 executable on arrival", result.Reason);
    }

    [Fact]
    public void Place_FokWithEnoughSize_FilledEntirely()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Sell, OrderType.Market, 10m, tif: TimeInForce.Fok), Q(100m, 100.1m, bidSize: 10m), Ctx());

        Assert.NotNull(result.Fill);
        Assert.Equal(10m, result.Fill.Quantity);
        Assert.Equal(OrderStatus.Filled, result.Order.Status);
    }

    [Fact]
    public void Place_MarketAgainstThinSize_RemainderCanceled()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Buy, OrderType.Market, 10m), Q(99.9m, 100m, askSize: 2.5m), Ctx());

        Assert.NotNull(result.Fill);
        Assert.Equal(2.5m, result.Fill.Quantity);
        Assert.Equal(OrderStatus.Canceled, result.Order.Status);
    }

    [Fact]
    public void Place_GtcLimitAgainstThinSize_RestsPartiallyFilled()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Buy, OrderType.Limit, 10m, limit: 101m), Q(99.9m, 100m, askSize: 2.5m), Ctx());

        Assert.Equal(OrderStatus.PartiallyFilled, result.Order.Status);
        Assert.Equal(7.5m, result.Order.Quantity);
        Assert.True(result.Rests);
    }

    [Fact]
    public void Place_SellStopAlreadyCrossed_TriggersAndFillsNow()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Sell, OrderType.Stop, stop: 101m), Q(100m, 100.1m), Ctx());

        Assert.NotNull(result.Fill);
        Assert.Equal(99.99m, result.Fill.Price);
        Assert.True(result.Order.Triggered);
    }

    [Fact]
    public void Place_StopIocNotTriggered_Canceled()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Sell, OrderType.Stop, stop: 95m, tif: TimeInForce.Ioc), Q(100m, 100.1m), Ctx());

        Assert.Equal(OrderStatus.Canceled, result.Order.Status);
        Assert.False(result.Order.Triggered);
    }

    [Fact]
    public void Place_TrailingStop_StartsFromArrivalBidAndRests()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Sell, OrderType.TrailingStop, trailing: 0.05m, trailingPercent: true), Q(100m, 100.1m), Ctx());

        Assert.Equal(OrderStatus.Open, result.Order.Status);
        Assert.Equal(100m, result.Order.BestPriceSincePlacement);
        Assert.Equal(95m, result.Order.StopPrice);
        Assert.Equal("resting GTC trailing stop at 95", result.Reason);
    }

    [Fact]
    public void Place_DayOrder_ExpiresAtNextUtcMidnight()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Buy, OrderType.Limit, limit: 90m, tif: TimeInForce.Day), Q(99.9m, 100m), Ctx());

        Assert.Equal(new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero), result.Order.ExpiresAt);
    }

    [Fact]
    public void Place_GtdWithoutExpiry_Rejected()
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Buy, OrderType.Limit, limit: 90m, tif: TimeInForce.Gtd), Q(99.9m, 100m), Ctx());

        Assert.Equal(OrderStatus.Rejected, result.Order.Status);
        Assert.Equal("GTD order needs expires_at", result.Reason);
    }

    [Fact]
    public void Place_GtdAlreadyPastExpiry_Expired()
    {
        var order = New(OrderSide.Buy, OrderType.Limit, limit: 101m, tif: TimeInForce.Gtd, expiresAt: TestData.T0.AddSeconds(-1));

        var result = ArrivalPlanner.Place(order, Q(99.9m, 100m), Ctx());

        Assert.Null(result.Fill);
        Assert.Equal(OrderStatus.Expired, result.Order.Status);
    }

    [Theory]
    [InlineData(OrderType.Limit, "Limit order needs a limit price")]
    [InlineData(OrderType.Stop, "Stop order needs a stop price")]
    [InlineData(OrderType.StopLimit, "StopLimit order needs a limit price")]
    [InlineData(OrderType.TrailingStop, "TrailingStop order needs a trailing offset")]
    public void Place_MissingPrice_RejectedWithReason(OrderType type, string reason)
    {
        var result = ArrivalPlanner.Place(New(OrderSide.Buy, type), Q(99.9m, 100m), Ctx());

        Assert.Equal(OrderStatus.Rejected, result.Order.Status);
        Assert.Equal(reason, result.Reason);
    }

    private static RestingOrder New(
        OrderSide side,
        OrderType type,
        decimal quantity = 1m,
        decimal? limit = null,
        decimal? stop = null,
        TimeInForce tif = TimeInForce.Gtc,
        decimal? trailing = null,
        bool trailingPercent = false,
        DateTimeOffset? expiresAt = null) =>
        Order(1, side, type, quantity, limit, stop, tif, null, trailing, trailingPercent, expiresAt, OrderStatus.New);
}
