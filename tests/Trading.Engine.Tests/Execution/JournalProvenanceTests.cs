using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Execution.EngineFixture;

namespace Trading.Engine.Tests.Execution;

/// <summary>
/// What travels from a decision onto its orders and the journal's fills: the strategy, the decision's price while its
/// batch runs, and the simulated latency on the fill its delayed quote priced; and how orders are numbered, since the
/// ids seed the generators of later orders.
/// </summary>
public class JournalProvenanceTests
{
    private static readonly DateTimeOffset T0 = TestData.T0;

    private static Quote At(int seconds, decimal bid, decimal ask) => TestData.Quote(Symbol, bid, ask, T0.AddSeconds(seconds));

    [Fact]
    public void Execute_DelayedMarketDecision_FillCarriesStrategyDecisionPriceAndLatency()
    {
        var config = Config() with { Latency = TimeSpan.FromMilliseconds(250) };
        var delayed = At(1, 99.99m, 100.01m);
        var decision = Decision(1, DecisionAction.Buy, 1m, currentPrice: 99.5m) with
        {
            Strategy = "sma-cross",
            LatencyQuote = delayed,
            LatencyTarget = T0.AddMilliseconds(250),
        };

        var result = ExecutionEngine.Execute(AccountState.Open(config), [decision], Quotes(99.99m, 100.01m, T0.AddSeconds(1)), Instruments(), T0.AddSeconds(1));

        var fill = Assert.Single(result.Fills!);
        Assert.Equal(("sma-cross", 99.5m, TimeSpan.FromMilliseconds(250)), (fill.Strategy, fill.DecisionPrice, fill.Latency));
        Assert.Same(fill, result.Outcomes.Single().Order!.Executed);
        Assert.Equal("sma-cross", Assert.Single(result.Orders!).Strategy);
    }

    [Fact]
    public void Execute_UndelayedDecision_FillRecordsNoLatency()
    {
        var config = Config() with { Latency = TimeSpan.FromMilliseconds(250) };
        var decision = Decision(1, DecisionAction.Buy, 1m, currentPrice: 99.5m);

        var result = ExecutionEngine.Execute(AccountState.Open(config), [decision], Quotes(99.99m, 100.01m), Instruments(), T0);

        Assert.Equal(TimeSpan.Zero, Assert.Single(result.Fills!).Latency);
    }

    [Fact]
    public void Execute_BracketExitFilledInTheSameBatch_CarriesItsEntrysStrategyAndPriceButNoLatency()
    {
        var config = Config() with { Latency = TimeSpan.FromMilliseconds(250) };
        var entry = Decision(1, DecisionAction.Buy, 1m, currentPrice: 99.5m) with
        {
            Strategy = "breakout",
            LatencyQuote = At(0, 99.99m, 100.01m),
            LatencyTarget = T0,
            Bracket = new BracketSpec(null, ExitLevel.AtPrice(101m), null),
        };

        var result = ExecutionEngine.Execute(
            AccountState.Open(config), [entry], Quotes(101.50m, 101.52m, T0.AddSeconds(2)), Instruments(), T0.AddSeconds(2), [At(2, 101.50m, 101.52m)]);

        Assert.Equal(2, result.Fills!.Count);
        var exit = result.Fills[1];
        Assert.Equal(OrderSide.Sell, exit.Side);
        Assert.Equal((1L, "breakout", 99.5m, TimeSpan.Zero), (exit.DecisionId!.Value, exit.Strategy, exit.DecisionPrice, exit.Latency));
    }

    [Fact]
    public void Execute_WorkingOrderLoadedFromStorage_FillHasItsStrategyButNoDecisionPrice()
    {
        var working = new RestingOrder
        {
            Id = 7,
            AccountId = "paper-1",
            Symbol = Symbol,
            Side = OrderSide.Buy,
            Type = OrderType.Limit,
            Quantity = 1m,
            LimitPrice = 99m,
            PlacedAt = T0,
            Status = OrderStatus.Open,
            EvaluatedThrough = T0,
            ParentDecisionId = 3,
            Strategy = "mean-revert",
            DecisionPrice = 99.2m,
        };
        var state = new AccountState(Config(), 10_000m, [], [working]);

        var result = ExecutionEngine.Execute(state, [], Quotes(98.80m, 98.90m, T0.AddSeconds(1)), Instruments(), T0.AddSeconds(1), [At(1, 98.80m, 98.90m)]);

        var fill = Assert.Single(result.Fills!);
        Assert.Equal((7L, "mean-revert", (decimal?)null), (fill.OrderId, fill.Strategy, fill.DecisionPrice));
    }

    [Fact]
    public void Execute_RefusedPlainMarketOrder_TakesNoOrderId()
    {
        // The first BUY is refused by buying power; the limit after it is numbered as if the first had never been.
        var huge = Decision(1, DecisionAction.Buy, 1_000m);
        var limit = Decision(2, DecisionAction.Buy, 1m, type: OrderType.Limit) with { LimitPrice = 99m };

        var result = ExecutionEngine.Execute(AccountState.Open(Config()), [huge, limit], Quotes(99.99m, 100.01m), Instruments(), T0);

        Assert.Equal(DecisionStatus.Rejected, result.Outcomes[0].Status);
        Assert.Equal(OrderIds.ProvisionalBase, Assert.Single(result.Orders!).Id);
    }

    [Fact]
    public void Execute_PlainMarketOrder_NumberedWhenItFillsAfterAnEarlierPlacedOrder()
    {
        var limit = Decision(1, DecisionAction.Buy, 1m, type: OrderType.Limit) with { LimitPrice = 99m };
        var market = Decision(2, DecisionAction.Buy, 1m);

        var result = ExecutionEngine.Execute(AccountState.Open(Config()), [limit, market], Quotes(99.99m, 100.01m), Instruments(), T0);

        Assert.Equal([OrderIds.ProvisionalBase, OrderIds.ProvisionalBase + 1], result.Orders!.Select(o => o.Id));
        Assert.Equal(OrderIds.ProvisionalBase + 1, Assert.Single(result.Fills!).OrderId);
        Assert.Equal((OrderStatus.Filled, (string?)null), (result.Orders![1].Status, result.Orders[1].StatusReason));
    }
}
