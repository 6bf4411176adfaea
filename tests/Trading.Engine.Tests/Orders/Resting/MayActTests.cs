using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Orders.Resting.MatchFixture;

namespace Trading.Engine.Tests.Orders.Resting;

/// <summary>MayAct is the backtest's shortcut: whenever it says no, Evaluate must leave the order as it was, without a fill.</summary>
public class MayActTests
{
    public static TheoryData<OrderSide, OrderType, decimal?, decimal?> Orders => new()
    {
        { OrderSide.Buy, OrderType.Limit, 100m, null },
        { OrderSide.Sell, OrderType.Limit, 100m, null },
        { OrderSide.Buy, OrderType.Stop, null, 100m },
        { OrderSide.Sell, OrderType.Stop, null, 100m },
        { OrderSide.Buy, OrderType.StopLimit, 101m, 100m },
        { OrderSide.Sell, OrderType.StopLimit, 99m, 100m },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void MayAct_False_EvaluateChangesNothing(OrderSide side, OrderType type, decimal? limit, decimal? stop)
    {
        var order = Order(1, side, type, limit: limit, stop: stop);
        var said = new List<bool>();
        for (var bid = 97m; bid <= 103m; bid += 0.25m)
        {
            var quote = Q(bid, bid + 0.1m);
            var result = OrderMatcher.Evaluate([order], quote, Ctx());
            var changed = result.Fills.Count > 0 || result.Orders[0] != order;
            var mayAct = OrderMatcher.MayAct(order, quote, 0.0002m);
            Assert.True(mayAct || !changed, $"{side} {type} at bid {bid}: MayAct said no but Evaluate changed the order");
            said.Add(mayAct);
        }

        Assert.Contains(false, said); // the shortcut does skip quotes
        Assert.Contains(true, said);
    }

    [Fact]
    public void MayAct_TrailingStop_TrueWhenTheBestPriceMovesOrTheLevelIsCrossed()
    {
        var order = Order(1, OrderSide.Sell, OrderType.TrailingStop) with
        {
            TrailingOffset = 2m,
            BestPriceSincePlacement = 100m,
            StopPrice = 98m,
        };

        Assert.False(OrderMatcher.MayAct(order, Q(99m, 99.1m), 0.0002m));
        Assert.True(OrderMatcher.MayAct(order, Q(100.5m, 100.6m), 0.0002m));
        Assert.True(OrderMatcher.MayAct(order, Q(97.9m, 98m), 0.0002m));
        Assert.True(OrderMatcher.MayAct(order with { BestPriceSincePlacement = null }, Q(99m, 99.1m), 0.0002m));
    }
}
