using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Execution.EngineFixture;

namespace Trading.Engine.Tests.Execution;

/// <summary>
/// The engine's side of working orders: placement outcomes, the quote path interleaved with decisions and cancel
/// requests by time, reduce-only caps, halts, brackets. Fixed 0.01 % slippage for takers, none for makers; fees 0.1 %
/// with a 1.00 minimum.
/// </summary>
public class RestingExecutionTests
{
    private static readonly DateTimeOffset T0 = TestData.T0;

    private static DecisionRequest Limit(long id, DecisionAction action, decimal quantity, decimal limit, DateTimeOffset? at = null) =>
        Decision(id, action, quantity, type: OrderType.Limit) with { LimitPrice = limit, CreatedAt = at ?? T0 };

    private static Quote At(int seconds, decimal bid, decimal ask) => TestData.Quote(Symbol, bid, ask, T0.AddSeconds(seconds));

    private static BatchResult Execute(AccountState state, IReadOnlyList<DecisionRequest> decisions, Quote latest, IReadOnlyList<Quote>? path = null,
        IReadOnlyList<CancelRequest>? cancels = null, DateTimeOffset? now = null) =>
        ExecutionEngine.Execute(state, decisions, new Dictionary<string, Quote> { [Symbol] = latest }, Instruments(), now ?? latest.Time, path, cancels);

    /// <summary>An order working since <see cref="T0"/>, evaluated through T0, as the database hands it to a batch.</summary>
    private static RestingOrder Working(long id, OrderSide side, OrderType type, decimal quantity) => new()
    {
        Id = id,
        AccountId = "paper-1",
        Symbol = Symbol,
        Side = side,
        Type = type,
        Quantity = quantity,
        PlacedAt = T0,
        Status = OrderStatus.Open,
        EvaluatedThrough = T0,
    };

    /// <summary>Reloads the working orders as the database would hand them to the next batch (real ids from 1).</summary>
    private static AccountState Reload(AccountState state, IEnumerable<RestingOrder> working, decimal cash) =>
        new(state.Config, cash, state.Positions, working);

    [Fact]
    public void LimitBelowTheMarket_Placed_WithAProvisionalOrderThatRestsOpen()
    {
        var state = AccountState.Open(Config());

        var result = Execute(state, [Limit(1, DecisionAction.Buy, 1m, 99m)], At(0, 99.99m, 100.01m));

        var outcome = result.Outcomes.Single();
        Assert.Equal(DecisionStatus.Placed, outcome.Status);
        Assert.Equal($"resting as GTC limit 99: 1 {Symbol} to buy", outcome.Reason);
        var order = Assert.Single(result.Orders!);
        Assert.True(OrderIds.IsProvisional(order.Id));
        Assert.Equal(outcome.OrderId, order.Id);
        Assert.Equal((OrderStatus.Open, T0), (order.Status, order.EvaluatedThrough));
        Assert.Empty(result.Fills!);
        Assert.Equal(10_000m, result.Cash);
    }

    [Fact]
    public void QuotePath_FillsTheRestingLimitBeforeALaterDecisionSeesTheAccount()
    {
        var state = AccountState.Open(Config());
        var placed = Execute(state, [Limit(1, DecisionAction.Buy, 1m, 99m)], At(0, 99.99m, 100.01m));
        var working = placed.Orders!.Select(o => o with { Id = 7 }).ToList();
        var next = Reload(state, working, placed.Cash);

        // The path's quote at +2 s crosses the limit; the SELL decided at +3 s must find the long it created.
        var sell = Decision(2, DecisionAction.Sell) with { CreatedAt = T0.AddSeconds(3) };
        var result = Execute(next, [sell], At(4, 99.50m, 99.52m), [At(1, 99.40m, 99.60m), At(2, 98.80m, 98.90m), At(4, 99.50m, 99.52m)]);

        var fills = result.Fills!;
        Assert.Equal(2, fills.Count);
        Assert.Equal((7L, 98.9m, LiquidityRole.Maker), (fills[0].OrderId, fills[0].Fill.Price, fills[0].Fill.LiquidityRole));
        Assert.Equal(DecisionStatus.Executed, result.Outcomes.Single().Status);
        Assert.Empty(result.Positions);
        Assert.Equal((OrderStatus.Filled, T0.AddSeconds(2)), (result.Orders!.Single(o => o.Id == 7).Status, result.Orders!.Single(o => o.Id == 7).EvaluatedThrough));
    }

    [Fact]
    public void CancelRequest_TakesEffectAtItsTime_QuotesBeforeItStillFill()
    {
        var state = AccountState.Open(Config());
        var working = Working(5, OrderSide.Buy, OrderType.Limit, 1m) with { LimitPrice = 99m };

        var late = Execute(Reload(state, [working], 10_000m), [], At(3, 98.8m, 98.9m), [At(2, 98.8m, 98.9m)],
            [new CancelRequest(1, 5, T0.AddSeconds(2.5))]);
        Assert.Equal(OrderStatus.Filled, late.Orders!.Single().Status);
        Assert.Equal(new CancelOutcome(1, false, "order 5 is already filled"), late.Cancels!.Single());

        var early = Execute(Reload(state, [working], 10_000m), [], At(3, 98.8m, 98.9m), [At(2, 98.8m, 98.9m)],
            [new CancelRequest(2, 5, T0.AddSeconds(1.5))]);
        Assert.Equal((OrderStatus.Canceled, "canceled by request 2"), (early.Orders!.Single().Status, early.Orders!.Single().StatusReason));
        Assert.Equal(new CancelOutcome(2, true, "order 5 canceled"), early.Cancels!.Single());
        Assert.Empty(early.Fills!);
    }

    [Fact]
    public void ReduceOnlyExit_LargerThanWhatIsLeft_CappedAtThePositionAndDone()
    {
        var state = AccountState.Open(Config());
        var bought = Execute(state, [Decision(1, DecisionAction.Buy, 10m)], At(0, 99.99m, 100.01m));
        var exit = Working(9, OrderSide.Sell, OrderType.Stop, 25m) with { StopPrice = 95m, ReduceOnly = true, ParentDecisionId = 1 };

        var result = Execute(Reload(state, [exit], bought.Cash), [], At(2, 94m, 94.02m), [At(1, 94m, 94.02m)]);

        var fill = result.Fills!.Single();
        Assert.Equal(10m, fill.Fill.Quantity);
        var order = result.Orders!.Single();
        Assert.Equal((OrderStatus.Filled, 10m, 0m), (order.Status, order.FilledQuantity, order.Quantity));
        Assert.Contains("capped at the", order.StatusReason, StringComparison.Ordinal);
        Assert.Empty(result.Positions);
    }

    [Fact]
    public void HaltedAccount_RestingEntryCanceled_ExitsKeepWorking()
    {
        var config = Config() with { Halted = true, HaltReason = "daily loss" };
        var entry = Working(3, OrderSide.Buy, OrderType.Limit, 1m) with { LimitPrice = 90m };
        var exit = Working(4, OrderSide.Sell, OrderType.Stop, 1m) with { StopPrice = 50m, ReduceOnly = true, ParentDecisionId = 1 };
        var held = new Position(Symbol, PositionSide.Long, 1m, 100m, 1m, T0);
        var halted = new AccountState(config, 9_899m, [held], [entry, exit]);

        var result = Execute(halted, [], At(1, 99.99m, 100.01m), [At(1, 99.99m, 100.01m)]);

        var orders = result.Orders!.ToDictionary(o => o.Id);
        Assert.Equal((OrderStatus.Canceled, "account halted: daily loss"), (orders[3].Status, orders[3].StatusReason));
        Assert.Equal((OrderStatus.Open, T0.AddSeconds(1)), (orders[4].Status, orders[4].EvaluatedThrough!.Value));
    }

    [Fact]
    public void MarketEntryWithBracket_LegsRestFromTheNextQuote_InOneOcoGroup()
    {
        var state = AccountState.Open(Config());
        var decision = Decision(1, DecisionAction.Buy, 10m) with
        {
            Bracket = new BracketSpec(ExitLevel.AtPrice(95m), ExitLevel.AtFraction(0.1m), ExitLevel.AtPrice(3m)),
        };

        var result = Execute(state, [decision], At(0, 99.99m, 100.01m));

        // Entry 100.01 x 1.0001 = 100.020001 -> 100.03 (against the buyer). Target 100.03 x 1.1 = 110.033 -> 110.04.
        var legs = result.Orders!.Where(o => o.Role != OrderRole.Entry).ToList();
        Assert.Equal([OrderRole.StopLoss, OrderRole.TakeProfit, OrderRole.TrailingStop], legs.Select(l => l.Role));
        Assert.Equal([95m, 110.04m, 97.03m], legs.Select(l => l.StopPrice ?? l.LimitPrice ?? 0m));
        Assert.All(legs, l => Assert.Equal((legs[0].Id, true, 10m, T0, 1L), (l.OcoGroup!.Value, l.ReduceOnly, l.Quantity, l.EvaluatedThrough!.Value, l.ParentDecisionId!.Value)));
    }

    [Fact]
    public void BracketOnTheWrongSide_EntryExecutes_RefusalInTheReason()
    {
        var state = AccountState.Open(Config());
        var decision = Decision(1, DecisionAction.Buy, 1m) with { Bracket = new BracketSpec(ExitLevel.AtPrice(105m), null, null) };

        var outcome = Execute(state, [decision], At(0, 99.99m, 100.01m)).Outcomes.Single();

        Assert.Equal(DecisionStatus.Executed, outcome.Status);
        Assert.EndsWith("bracket refused: stop-loss 105 is not below the entry price 100.03 for a long / above it for a short", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MarketFok_ThinQuotedSize_ExpiresWithoutAnOrder()
    {
        var state = AccountState.Open(Config());
        var quote = new Quote(Symbol, T0, 99.99m, 100.01m, null, 10m, 2m);

        var result = Execute(state, [Decision(1, DecisionAction.Buy, 5m) with { TimeInForce = TimeInForce.Fok }], quote);

        var outcome = result.Outcomes.Single();
        Assert.Equal((DecisionStatus.Expired, "FOK not filled: 2 of 5 executable on arrival"), (outcome.Status, outcome.Reason));
        Assert.Null(outcome.OrderId);
        Assert.Empty(result.Orders!);
    }

    [Fact]
    public void PlainMarketOrder_JournalsOneFilledOrderAndItsFill()
    {
        var state = AccountState.Open(Config());

        var result = Execute(state, [Decision(1, DecisionAction.Buy, 1m)], At(0, 99.99m, 100.01m));

        var order = Assert.Single(result.Orders!);
        Assert.Equal((OrderStatus.Filled, 1m, 100.03m, 1L), (order.Status, order.FilledQuantity, order.AverageFillPrice!.Value, order.ParentDecisionId!.Value));
        Assert.Equal(order.Id, Assert.Single(result.Fills!).OrderId);
        Assert.Equal(order.Id, result.Outcomes.Single().OrderId);
    }

    [Fact]
    public void CutQuotePath_ExpiryWaitsUntilThePathIsComplete()
    {
        var state = AccountState.Open(Config());
        var gtd = Working(4, OrderSide.Buy, OrderType.Limit, 1m) with { LimitPrice = 90m, TimeInForce = TimeInForce.Gtd, ExpiresAt = T0.AddSeconds(5) };
        IReadOnlyList<Quote> path = [At(1, 99.99m, 100.01m), At(2, 99.99m, 100.01m)];

        var cut = ExecutionEngine.Execute(Reload(state, [gtd], 10_000m), [], new Dictionary<string, Quote> { [Symbol] = At(9, 99.99m, 100.01m) },
            Instruments(), T0.AddSeconds(10), path, null, pathComplete: T0.AddSeconds(2));
        var whole = ExecutionEngine.Execute(Reload(state, [gtd], 10_000m), [], new Dictionary<string, Quote> { [Symbol] = At(9, 99.99m, 100.01m) },
            Instruments(), T0.AddSeconds(10), path);

        Assert.Equal((OrderStatus.Open, T0.AddSeconds(2)), (cut.Orders!.Single().Status, cut.Orders!.Single().EvaluatedThrough!.Value));
        Assert.Equal(OrderStatus.Expired, whole.Orders!.Single().Status);
    }
}
