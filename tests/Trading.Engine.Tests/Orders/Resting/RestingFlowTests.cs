using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Orders.Resting.MatchFixture;

namespace Trading.Engine.Tests.Orders.Resting;

/// <summary>The flow an integrator runs: arrival, apply the fill, place the bracket, match later quotes, apply exits.</summary>
public class RestingFlowTests
{
    [Fact]
    public void Flow_LimitEntryWithBracket_TakeProfitClosesTradeWithExactPnl()
    {
        var portfolio = new Portfolio(10_000m, []);
        var entry = Order(1, OrderSide.Buy, OrderType.Limit, 2m, limit: 101m, status: OrderStatus.New);

        var arrival = ArrivalPlanner.Place(entry, Q(99.9m, 100m), Ctx());
        var fill = arrival.Fill!;
        portfolio.ApplyFill(fill.Symbol, fill.Side, fill.Quantity, fill.Price, fill.Fee, fill.Time);
        var bracket = BracketPlanner.Plan(
            new BracketRequest("paper-1", Symbol, fill.Side, fill.Quantity, fill.Price, fill.Time, 1, null, null, DefaultStopLossFraction: 0.05m, DefaultTakeProfitFraction: 0.05m),
            TestData.Spec(Symbol),
            2);
        var exits = OrderMatcher.EvaluatePath(bracket.Orders, [Q(103m, 103.1m, 1), Q(105.02m, 105.1m, 2), Q(90m, 90.1m, 3)], Ctx());
        var trades = exits.Fills.Select(e => portfolio.ApplyFill(e.Symbol, e.Side, e.Quantity, e.Price, e.Fee, e.Time).Trade).ToList();

        // entry 2 × 100.01 (ask 100 + 0.01% → up), fee 0.20002; take-profit 100.01 × 1.05 = 105.0105 → 105.02 (maker), fee 0.21004
        Assert.Equal(100.01m, fill.Price);
        Assert.Equal(95.01m, bracket.Orders[0].StopPrice);
        Assert.Equal(105.02m, bracket.Orders[1].LimitPrice);
        var trade = Assert.Single(trades);
        Assert.NotNull(trade);
        Assert.Equal(10.02m, trade.GrossPnl);
        Assert.Equal(9.60994m, trade.NetPnl);
        Assert.Equal(10_009.60994m, portfolio.Cash);
        Assert.Empty(portfolio.Positions);
        Assert.Equal([OrderStatus.Canceled, OrderStatus.Filled], exits.Orders.Select(o => o.Status));
    }
}
