using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Orders.Resting.MatchFixture;

namespace Trading.Engine.Tests.Orders.Resting;

public class OrderMatcherTests
{
    [Fact]
    public void Evaluate_BuyLimitAskAboveLimit_KeepsResting()
    {
        var result = OrderMatcher.Evaluate([Order(1, OrderSide.Buy, OrderType.Limit, limit: 100m)], Q(100m, 100.01m), Ctx());

        Assert.Empty(result.Fills);
        Assert.Equal(OrderStatus.Open, result.Orders[0].Status);
    }

    [Fact]
    public void Evaluate_BuyLimitAskTouchesLimit_FillsAtLimitAsMakerWithoutSlippage()
    {
        var result = OrderMatcher.Evaluate([Order(1, OrderSide.Buy, OrderType.Limit, 2m, limit: 100m)], Q(99.99m, 100m), Ctx());

        var fill = Assert.Single(result.Fills);
        Assert.Equal(100m, fill.Price);
        Assert.Equal(2m, fill.Quantity);
        Assert.Equal(LiquidityRole.Maker, fill.Role);
        Assert.Equal(0m, fill.SlippageFraction);
        Assert.Equal(0.2m, fill.Fee);
        Assert.Equal(OrderStatus.Filled, result.Orders[0].Status);
        Assert.Equal(0m, result.Orders[0].Quantity);
        Assert.Equal(2m, result.Orders[0].FilledQuantity);
    }

    [Fact]
    public void Evaluate_BuyLimitQuoteGapsBelowLimit_FillsAtBetterAsk()
    {
        var result = OrderMatcher.Evaluate([Order(1, OrderSide.Buy, OrderType.Limit, limit: 100m)], Q(98.4m, 98.5m), Ctx());

        Assert.Equal(98.5m, Assert.Single(result.Fills).Price);
    }

    [Fact]
    public void Evaluate_SellLimitBidAboveLimit_FillsAtBid()
    {
        var result = OrderMatcher.Evaluate([Order(1, OrderSide.Sell, OrderType.Limit, limit: 105m)], Q(106m, 106.01m), Ctx());

        var fill = Assert.Single(result.Fills);
        Assert.Equal(106m, fill.Price);
        Assert.Equal(OrderSide.Sell, fill.Side);
    }

    [Fact]
    public void Evaluate_SellStopBidNotAtStop_UnchangedAndNotTriggered()
    {
        var result = OrderMatcher.Evaluate([Order(1, OrderSide.Sell, OrderType.Stop, stop: 95m)], Q(95.01m, 95.02m), Ctx());

        Assert.Empty(result.Fills);
        Assert.False(result.Orders[0].Triggered);
    }

    [Fact]
    public void Evaluate_SellStopBidCrossesStop_FillsAtBidLessSlippageAsTaker()
    {
        var result = OrderMatcher.Evaluate([Order(1, OrderSide.Sell, OrderType.Stop, stop: 95m)], Q(94.99m, 95.01m), Ctx());

        // 94.99 × 0.9999 = 94.980501 → down to the tick
        var fill = Assert.Single(result.Fills);
        Assert.Equal(94.98m, fill.Price);
        Assert.Equal(94.99m, fill.ReferencePrice);
        Assert.Equal(0.01m, fill.SlippagePerUnit);
        Assert.Equal(LiquidityRole.Taker, fill.Role);
        Assert.True(result.Orders[0].Triggered);
        Assert.Equal(OrderStatus.Filled, result.Orders[0].Status);
    }

    [Fact]
    public void Evaluate_SellStopQuoteGapsThroughStop_FillsAtGappedBidNotStop()
    {
        var result = OrderMatcher.Evaluate([Order(1, OrderSide.Sell, OrderType.Stop, stop: 95m)], Q(90m, 90.1m), Ctx());

        // 90 × 0.9999 = 89.991 → 89.99, far below the 95 stop
        Assert.Equal(89.99m, Assert.Single(result.Fills).Price);
    }

    [Fact]
    public void Evaluate_BuyStopAskReachesStop_FillsAtAskPlusSlippage()
    {
        var result = OrderMatcher.Evaluate([Order(1, OrderSide.Buy, OrderType.Stop, stop: 105m)], Q(104.99m, 105m), Ctx());

        // 105 × 1.0001 = 105.0105 → up to the tick
        Assert.Equal(105.02m, Assert.Single(result.Fills).Price);
    }

    [Fact]
    public void Evaluate_StopLimitTriggeredAndMarketable_FillsAsTakerCappedAtLimit()
    {
        var order = Order(1, OrderSide.Sell, OrderType.StopLimit, limit: 94m, stop: 95m);

        var result = OrderMatcher.Evaluate([order], Q(94.5m, 94.6m), Ctx());

        // 94.5 × 0.9999 = 94.49055 → 94.49, above the 94 limit
        var fill = Assert.Single(result.Fills);
        Assert.Equal(94.49m, fill.Price);
        Assert.Equal(LiquidityRole.Taker, fill.Role);
    }

    [Fact]
    public void EvaluatePath_StopLimitGapsBelowLimit_TriggersThenRestsAndFillsAsMakerLater()
    {
        var order = Order(1, OrderSide.Sell, OrderType.StopLimit, limit: 94m, stop: 95m);

        var gap = OrderMatcher.Evaluate([order], Q(93m, 93.1m), Ctx());
        var later = OrderMatcher.EvaluatePath(gap.Orders, [Q(93.5m, 93.6m, 1), Q(94.2m, 94.3m, 2)], Ctx());

        Assert.Empty(gap.Fills);
        Assert.True(gap.Orders[0].Triggered);
        Assert.Equal(OrderStatus.Open, gap.Orders[0].Status);
        var fill = Assert.Single(later.Fills);
        Assert.Equal(94.2m, fill.Price);
        Assert.Equal(LiquidityRole.Maker, fill.Role);
        Assert.Equal(TestData.T0.AddMinutes(2), fill.Time);
    }

    [Fact]
    public void EvaluatePath_SellTrailingStopByAmount_TracksBestBidAndTriggersAtBestMinusOffset()
    {
        var order = Order(1, OrderSide.Sell, OrderType.TrailingStop, trailing: 2m);

        var before = OrderMatcher.EvaluatePath([order], [Q(100m, 100.1m), Q(103m, 103.1m, 1), Q(101.01m, 101.1m, 2)], Ctx());
        var after = OrderMatcher.Evaluate(before.Orders, Q(101m, 101.1m, 3), Ctx(now: TestData.T0.AddMinutes(3)));

        Assert.Empty(before.Fills);
        Assert.Equal(103m, before.Orders[0].BestPriceSincePlacement);
        Assert.Equal(101m, before.Orders[0].StopPrice);
        // 101 × 0.9999 = 100.9899 → 100.98
        Assert.Equal(100.98m, Assert.Single(after.Fills).Price);
        Assert.Equal(101m, after.Orders[0].StopPrice);
    }

    [Fact]
    public void EvaluatePath_BuyTrailingStopByPercent_TracksLowestAskAndTriggers()
    {
        var order = Order(1, OrderSide.Buy, OrderType.TrailingStop, trailing: 0.01m, trailingPercent: true);

        var result = OrderMatcher.EvaluatePath([order], [Q(99.9m, 100m), Q(97.9m, 98m, 1), Q(98.9m, 98.97m, 2), Q(98.9m, 99m, 3)], Ctx());

        // best ask 98, level 98 × 1.01 = 98.98; 98.97 does not trigger, 99 does: 99 × 1.0001 = 99.0099 → 99.01
        Assert.Equal(98m, result.Orders[0].BestPriceSincePlacement);
        Assert.Equal(98.98m, result.Orders[0].StopPrice);
        var fill = Assert.Single(result.Fills);
        Assert.Equal(99.01m, fill.Price);
        Assert.Equal(TestData.T0.AddMinutes(3), fill.Time);
    }

    [Fact]
    public void EvaluatePath_OcoTakeProfitFillsThenStopWouldTrigger_StopCanceledNeverFills()
    {
        var stop = Order(1, OrderSide.Sell, OrderType.Stop, stop: 95m, oco: 7);
        var takeProfit = Order(2, OrderSide.Sell, OrderType.Limit, limit: 105m, oco: 7);

        var result = OrderMatcher.EvaluatePath([stop, takeProfit], [Q(105m, 105.1m), Q(94m, 94.1m, 1)], Ctx());

        var fill = Assert.Single(result.Fills);
        Assert.Equal(2, fill.OrderId);
        Assert.Equal(105m, fill.Price);
        Assert.Equal(OrderStatus.Canceled, result.Orders[0].Status);
        Assert.Equal("canceled by OCO: order 2 filled", result.Orders[0].StatusReason);
        Assert.Equal(OrderStatus.Filled, result.Orders[1].Status);
    }

    [Fact]
    public void Evaluate_OcoBothLegsFillableOnSameQuote_StopFillsFirstAndLimitIsCanceled()
    {
        var limit = Order(1, OrderSide.Buy, OrderType.Limit, limit: 110m, oco: 9);
        var stop = Order(2, OrderSide.Buy, OrderType.Stop, stop: 105m, oco: 9);

        var result = OrderMatcher.Evaluate([limit, stop], Q(105.9m, 106m), Ctx());

        // the stop is matched first although its id is higher: 106 × 1.0001 = 106.0106 → 106.02
        var fill = Assert.Single(result.Fills);
        Assert.Equal(2, fill.OrderId);
        Assert.Equal(106.02m, fill.Price);
        Assert.Equal(OrderStatus.Canceled, result.Orders[0].Status);
        Assert.Equal("canceled by OCO: order 2 filled", result.Orders[0].StatusReason);
    }

    [Fact]
    public void Evaluate_OcoLegPartiallyFilled_SiblingCanceledFilledLegKeepsWorking()
    {
        var stop = Order(1, OrderSide.Sell, OrderType.Stop, 3m, stop: 95m, oco: 7);
        var takeProfit = Order(2, OrderSide.Sell, OrderType.Limit, 3m, limit: 105m, oco: 7);

        var result = OrderMatcher.Evaluate([stop, takeProfit], Q(105m, 105.1m, bidSize: 1m), Ctx());

        Assert.Equal(1m, Assert.Single(result.Fills).Quantity);
        Assert.Equal(OrderStatus.Canceled, result.Orders[0].Status);
        Assert.Equal(OrderStatus.PartiallyFilled, result.Orders[1].Status);
        Assert.Equal(2m, result.Orders[1].Quantity);
    }

    [Fact]
    public void EvaluatePath_LimitAgainstThinQuotedSize_PartiallyFillsThenCompletes()
    {
        var order = Order(1, OrderSide.Buy, OrderType.Limit, 10m, limit: 100m);

        var first = OrderMatcher.Evaluate([order], Q(99.9m, 100m, askSize: 4.0005m), Ctx());
        var second = OrderMatcher.Evaluate(first.Orders, Q(99.9m, 100m, 1, askSize: 50m), Ctx());

        Assert.Equal(4m, Assert.Single(first.Fills).Quantity);
        Assert.Equal(OrderStatus.PartiallyFilled, first.Orders[0].Status);
        Assert.Equal(6m, first.Orders[0].Quantity);
        Assert.Equal(4m, first.Orders[0].FilledQuantity);
        Assert.Equal(6m, Assert.Single(second.Fills).Quantity);
        Assert.Equal(OrderStatus.Filled, second.Orders[0].Status);
    }

    [Fact]
    public void Evaluate_TwoOrdersShareQuotedSize_ConsumedInIdOrder()
    {
        var result = OrderMatcher.Evaluate(
            [Order(2, OrderSide.Buy, OrderType.Limit, 3m, limit: 100m), Order(1, OrderSide.Buy, OrderType.Limit, 3m, limit: 100m)],
            Q(99.9m, 100m, askSize: 5m),
            Ctx());

        Assert.Equal([(1L, 3m), (2L, 2m)], result.Fills.Select(f => (f.OrderId, f.Quantity)));
    }

    [Fact]
    public void Evaluate_ZeroQuotedSize_NoFill()
    {
        var result = OrderMatcher.Evaluate([Order(1, OrderSide.Buy, OrderType.Limit, limit: 100m)], Q(99.9m, 100m, askSize: 0m), Ctx());

        Assert.Empty(result.Fills);
    }

    [Fact]
    public void Evaluate_TouchWithZeroFillProbability_NoFillButThroughTheLimitFills()
    {
        var order = Order(1, OrderSide.Buy, OrderType.Limit, limit: 100m);

        var touch = OrderMatcher.Evaluate([order], Q(99.9m, 100m), Ctx(fillProbability: 0m));
        var through = OrderMatcher.Evaluate([order], Q(99.8m, 99.99m), Ctx(fillProbability: 0m));

        Assert.Empty(touch.Fills);
        Assert.Equal(99.99m, Assert.Single(through.Fills).Price);
    }

    [Fact]
    public void Evaluate_TouchWithFillProbability_SameQuotesSameOutcomeOnReplay()
    {
        var orders = Enumerable.Range(1, 40).Select(i => Order(i, OrderSide.Buy, OrderType.Limit, limit: 100m)).ToList();

        var first = OrderMatcher.Evaluate(orders, Q(99.9m, 100m), Ctx(fillProbability: 0.5m));
        var replay = OrderMatcher.Evaluate(orders, Q(99.9m, 100m), Ctx(fillProbability: 0.5m));

        Assert.Equal(first.Fills.Select(f => f.OrderId), replay.Fills.Select(f => f.OrderId));
        Assert.InRange(first.Fills.Count, 1, 39);
    }

    [Fact]
    public void Evaluate_DayOrderQuoteJustBeforeMidnight_StillWorks()
    {
        var order = Order(1, OrderSide.Buy, OrderType.Limit, limit: 100m, tif: TimeInForce.Day, expiresAt: new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero));
        var quote = new Trading.Engine.MarketData.Quote(Symbol, new DateTimeOffset(2025, 1, 2, 23, 59, 59, TimeSpan.Zero), 99.9m, 100m, null);

        var result = OrderMatcher.Evaluate([order], quote, Ctx(now: quote.Time));

        Assert.Equal(OrderStatus.Filled, result.Orders[0].Status);
    }

    [Fact]
    public void Evaluate_DayOrderAtUtcMidnight_ExpiredWithoutFill()
    {
        var order = Order(1, OrderSide.Buy, OrderType.Limit, limit: 100m, tif: TimeInForce.Day);
        var quote = new Trading.Engine.MarketData.Quote(Symbol, new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero), 99.9m, 100m, null);

        var result = OrderMatcher.Evaluate([order], quote, Ctx(now: quote.Time));

        Assert.Empty(result.Fills);
        Assert.Equal(OrderStatus.Expired, result.Orders[0].Status);
        Assert.Equal("DAY order expired", result.Orders[0].StatusReason);
    }

    [Fact]
    public void EvaluatePath_GtdOrderQuoteAtExpiry_Expired()
    {
        var order = Order(1, OrderSide.Sell, OrderType.Limit, limit: 105m, tif: TimeInForce.Gtd, expiresAt: TestData.T0.AddMinutes(2));

        var result = OrderMatcher.EvaluatePath([order], [Q(104m, 104.1m, 1), Q(106m, 106.1m, 2)], Ctx());

        Assert.Empty(result.Fills);
        Assert.Equal(OrderStatus.Expired, result.Orders[0].Status);
    }

    [Theory]
    [InlineData(TimeInForce.Ioc)]
    [InlineData(TimeInForce.Fok)]
    public void Evaluate_ImmediateOrderFoundResting_Canceled(TimeInForce tif)
    {
        var result = OrderMatcher.Evaluate([Order(1, OrderSide.Buy, OrderType.Limit, limit: 100m, tif: tif)], Q(99.9m, 100m), Ctx());

        Assert.Empty(result.Fills);
        Assert.Equal(OrderStatus.Canceled, result.Orders[0].Status);
    }

    [Fact]
    public void Evaluate_OtherSymbolOrTerminalOrder_PassesThroughUnchanged()
    {
        var other = Order(1, OrderSide.Buy, OrderType.Limit, limit: 100m) with { Symbol = "ETHUSDT" };
        var filled = Order(2, OrderSide.Buy, OrderType.Limit, limit: 100m, status: OrderStatus.Filled);

        var result = OrderMatcher.Evaluate([other, filled], Q(99m, 99.5m), Ctx());

        Assert.Empty(result.Fills);
        Assert.Same(other, result.Orders[0]);
        Assert.Same(filled, result.Orders[1]);
    }
}
