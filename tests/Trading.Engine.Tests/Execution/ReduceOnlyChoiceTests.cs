using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Orders;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Execution.EngineFixture;

namespace Trading.Engine.Tests.Execution;

/// <summary>
/// Reduce-only is what a decision asks for (or a CLOSE): a BUY 5 limit resting against a short of 10 is a plain order
/// that survives a CLOSE and later opens a long; with reduce_only it is canceled once the short is gone. Short 10 at 100
/// (cost basis 1000, cash 11000); fees 0.1 % with a 1.00 minimum; makers pay no slippage.
/// </summary>
public class ReduceOnlyChoiceTests
{
    private static readonly DateTimeOffset T0 = TestData.T0;

    private static AccountState Short10() =>
        new(Config(allowShorting: true), 11_000m, [new Position(Symbol, PositionSide.Short, 10m, 1_000m, 0m, T0)]);

    private static Quote At(int seconds, decimal bid, decimal ask) => TestData.Quote(Symbol, bid, ask, T0.AddSeconds(seconds));

    private static BatchResult Execute(AccountState state, IReadOnlyList<DecisionRequest> decisions, Quote latest, IReadOnlyList<Quote>? path = null) =>
        ExecutionEngine.Execute(state, decisions, new Dictionary<string, Quote> { [Symbol] = latest }, Instruments(), latest.Time, path);

    private static (BatchResult Result, AccountState State) BuyFiveThenClose(bool reduceOnly)
    {
        var state = Short10();
        var buy = Decision(1, DecisionAction.Buy, 5m, type: OrderType.Limit) with { LimitPrice = 95m, ReduceOnly = reduceOnly };
        var close = Decision(2, DecisionAction.Close) with { CreatedAt = T0.AddSeconds(1) };
        return (Execute(state, [buy, close], At(1, 99.99m, 100.01m)), state);
    }

    [Fact]
    public void PlainBuyAgainstAShort_SurvivesTheClose_ThenOpensALong()
    {
        var (first, state) = BuyFiveThenClose(reduceOnly: false);

        var buy = first.Orders!.Single(o => o.ParentDecisionId == 1);
        Assert.Equal((OrderStatus.Open, false), (buy.Status, buy.ReduceOnly));
        Assert.Empty(first.Positions);

        // The next batch: the ask falls through 95 and the BUY 5 fills as a maker at the ask 94.90: a long of 5, not a cover.
        var next = new AccountState(state.Config, first.Cash, first.Positions, [buy with { Id = 7 }]);
        var second = Execute(next, [], At(3, 94.88m, 94.90m), [At(3, 94.88m, 94.90m)]);

        var position = Assert.Single(second.Positions);
        Assert.Equal((PositionSide.Long, 5m, 474.5m), (position.Side, position.Quantity, position.CostBasis));
        Assert.Equal(OrderStatus.Filled, second.Orders!.Single().Status);
    }

    [Fact]
    public void ReduceOnlyBuyAgainstAShort_CanceledOnceTheCloseFlattens()
    {
        var (result, _) = BuyFiveThenClose(reduceOnly: true);

        var buy = result.Orders!.Single(o => o.ParentDecisionId == 1);
        Assert.Equal((OrderStatus.Canceled, true), (buy.Status, buy.ReduceOnly));
        Assert.Equal($"reduce-only: no {Symbol} position left to reduce", buy.StatusReason);
    }

    [Fact]
    public void CloseIsReduceOnly_WhateverTheDecisionSays()
    {
        var state = Short10();
        var close = Decision(1, DecisionAction.Close, type: OrderType.Limit) with { LimitPrice = 95m };

        var order = Execute(state, [close], At(0, 99.99m, 100.01m)).Orders!.Single();

        Assert.Equal((OrderStatus.Open, true, 10m), (order.Status, order.ReduceOnly, order.Quantity));
    }

    [Fact]
    public void ReduceOnlyWithoutAPositionToReduce_Rejected()
    {
        var state = AccountState.Open(Config());
        var buy = Decision(1, DecisionAction.Buy, 5m) with { ReduceOnly = true };

        var outcome = Execute(state, [buy], At(0, 99.99m, 100.01m)).Outcomes.Single();

        Assert.Equal((DecisionStatus.Rejected, $"reduce-only: no short {Symbol} position to reduce"), (outcome.Status, outcome.Reason));
    }

    [Fact]
    public void ReduceOnlyLargerThanThePosition_PlannedAtThePosition()
    {
        var state = Short10();
        var buy = Decision(1, DecisionAction.Buy, 25m) with { ReduceOnly = true };

        var result = Execute(state, [buy], At(0, 99.99m, 100.01m));

        // Covers the 10 at the ask 100.01 plus 0.01 % slippage, rounded against the trader: 100.02.
        Assert.Equal(DecisionStatus.Executed, result.Outcomes.Single().Status);
        Assert.Equal(10m, result.Fills!.Single().Fill.Quantity);
        Assert.Empty(result.Positions);
    }
}
