using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Orders.Resting.MatchFixture;

namespace Trading.Engine.Tests.Orders.Resting;

public class BracketPlannerTests
{
    [Fact]
    public void Plan_LongWithFractions_StopBelowLimitAboveOppositeSideSharedGroup()
    {
        var result = BracketPlanner.Plan(Request(OrderSide.Buy, ExitLevel.AtFraction(0.05m), ExitLevel.AtFraction(0.1m)), TestData.Spec(Symbol), 100);

        // 100.02 × 0.95 = 95.019 → up, towards the entry; 100.02 × 1.1 = 110.022 → up, away from it
        Assert.False(result.Refused);
        Assert.Equal(2, result.Orders.Count);
        var (stop, target) = (result.Orders[0], result.Orders[1]);
        Assert.Equal((100L, OrderType.Stop, OrderSide.Sell, 95.02m, 2m, 100L), (stop.Id, stop.Type, stop.Side, stop.StopPrice!.Value, stop.Quantity, stop.OcoGroup!.Value));
        Assert.Equal((101L, OrderType.Limit, OrderSide.Sell, 110.03m, 2m, 100L), (target.Id, target.Type, target.Side, target.LimitPrice!.Value, target.Quantity, target.OcoGroup!.Value));
        Assert.All(result.Orders, o => Assert.Equal(OrderStatus.Open, o.Status));
        Assert.All(result.Orders, o => Assert.Equal(7L, o.ParentDecisionId));
    }

    [Fact]
    public void Plan_ShortWithAbsolutePrices_StopAboveLimitBelowBuySide()
    {
        var result = BracketPlanner.Plan(Request(OrderSide.Sell, ExitLevel.AtPrice(104.567m), ExitLevel.AtPrice(90.005m)), TestData.Spec(Symbol), 1);

        // short: stop rounded down towards the entry, target rounded down away from it
        Assert.Equal(OrderSide.Buy, result.Orders[0].Side);
        Assert.Equal(104.56m, result.Orders[0].StopPrice);
        Assert.Equal(90m, result.Orders[1].LimitPrice);
    }

    [Fact]
    public void Plan_NoLevelsGiven_AccountDefaultsApply()
    {
        var request = Request(OrderSide.Buy, null, null) with { DefaultStopLossFraction = 0.02m, DefaultTakeProfitFraction = 0.04m };

        var result = BracketPlanner.Plan(request, TestData.Spec(Symbol), 1);

        // 100.02 × 0.98 = 98.0196 → 98.02; 100.02 × 1.04 = 104.0208 → 104.03
        Assert.Equal(98.02m, result.Orders[0].StopPrice);
        Assert.Equal(104.03m, result.Orders[1].LimitPrice);
    }

    [Fact]
    public void Plan_DecisionLevelGiven_DefaultIgnoredForThatLeg()
    {
        var request = Request(OrderSide.Buy, ExitLevel.AtPrice(90m), null) with { DefaultStopLossFraction = 0.02m };

        var result = BracketPlanner.Plan(request, TestData.Spec(Symbol), 1);

        Assert.Equal(90m, Assert.Single(result.Orders).StopPrice);
    }

    [Fact]
    public void Plan_NoLevelsNoDefaults_NoOrders()
    {
        var result = BracketPlanner.Plan(Request(OrderSide.Buy, null, null), TestData.Spec(Symbol), 1);

        Assert.Empty(result.Orders);
        Assert.False(result.Refused);
    }

    [Fact]
    public void Plan_TrailingOffset_TrailingStopFromEntryInSameGroup()
    {
        var request = Request(OrderSide.Buy, ExitLevel.AtFraction(0.05m), null) with { TrailingOffset = ExitLevel.AtPrice(3m) };

        var result = BracketPlanner.Plan(request, TestData.Spec(Symbol), 10);

        var trailing = result.Orders[1];
        Assert.Equal((11L, OrderType.TrailingStop, 100.02m, 97.02m, 10L), (trailing.Id, trailing.Type, trailing.BestPriceSincePlacement!.Value, trailing.StopPrice!.Value, trailing.OcoGroup!.Value));
    }

    [Fact]
    public void Plan_LongStopAboveEntry_RefusedWithoutOrders()
    {
        var result = BracketPlanner.Plan(Request(OrderSide.Buy, ExitLevel.AtPrice(101m), null), TestData.Spec(Symbol), 1);

        Assert.True(result.Refused);
        Assert.Empty(result.Orders);
    }

    [Fact]
    public void BracketThenMatcher_TakeProfitFills_StopCanceledByOco()
    {
        var legs = BracketPlanner.Plan(Request(OrderSide.Buy, ExitLevel.AtPrice(95m), ExitLevel.AtPrice(105m)), TestData.Spec(Symbol), 1).Orders;

        var result = OrderMatcher.EvaluatePath(legs, [Q(105m, 105.1m, 1), Q(94m, 94.1m, 2)], Ctx());

        Assert.Equal(2L, Assert.Single(result.Fills).OrderId);
        Assert.Equal(OrderStatus.Canceled, result.Orders[0].Status);
    }

    private static BracketRequest Request(OrderSide side, ExitLevel? stopLoss, ExitLevel? takeProfit) =>
        new("paper-1", Symbol, side, 2m, 100.02m, TestData.T0, 7, stopLoss, takeProfit);
}
