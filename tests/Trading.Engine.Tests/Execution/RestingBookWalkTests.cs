using Trading.Engine.Execution;
using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using Trading.Engine.Queue;
using Trading.Engine.Slippage;
using Trading.Engine.Tests.Orders.Resting;
using static Trading.Engine.Tests.Execution.EngineFixture;
using OrderBook = Trading.Engine.Liquidity.OrderBook;

namespace Trading.Engine.Tests.Execution;

/// <summary>
/// Working orders met by a later quote walk the book, hand-computed: no slippage, fee 0.1 % with a 1.00 minimum (one
/// per order), tick 0.01, lot 0.001. The orders work since T0; the quote and its book come at T0 + 1 s.
/// </summary>
public class RestingBookWalkTests
{
    private static readonly DateTimeOffset T1 = TestData.T0.AddSeconds(1);

    private static readonly BookLevel[] Asks = [new(100m, 3m), new(101m, 4m), new(102m, 5m), new(103m, 9m)];

    private static readonly BookLevel[] Bids = [new(99m, 5m), new(98m, 5m), new(97m, 5m)];

    private static AccountConfig Book(decimal? unitsPerTick = null) => Config() with
    {
        SlippageModel = new NoSlippage(),
        Liquidity = new LiquiditySettings(LiquidityModel.Book, syntheticLevels: 3, syntheticUnitsPerTick: unitsPerTick),
    };

    private static RestingOrder Working(long id, OrderSide side, OrderType type, decimal quantity, decimal? limit = null, decimal? stop = null) =>
        MatchFixture.Order(id, side, type, quantity, limit, stop) with { EvaluatedThrough = TestData.T0 };

    private static RestingOrder StopLoss(long id, decimal quantity, decimal stop) =>
        Working(id, OrderSide.Sell, OrderType.Stop, quantity, stop: stop) with { Role = OrderRole.StopLoss, ReduceOnly = true, OcoGroup = 1 };

    private static AccountState State(AccountConfig config, bool depth, decimal longQuantity, params RestingOrder[] orders)
    {
        Position[] positions = longQuantity > 0m ? [new Position(Symbol, PositionSide.Long, longQuantity, longQuantity * 100m, 0m, TestData.T0)] : [];
        return new AccountState(config, 10_000m, positions, orders)
        {
            DepthBooks = depth ? new Dictionary<string, IReadOnlyList<OrderBook>> { [Symbol] = [new(Symbol, T1, Bids, Asks)] } : new Dictionary<string, IReadOnlyList<OrderBook>>(),
        };
    }

    private static BatchResult Run(AccountState state, Quote quote, params DecisionRequest[] decisions) =>
        ExecutionEngine.Execute(state, decisions, new Dictionary<string, Quote> { [Symbol] = quote }, Instruments(), quote.Time, [quote]);

    private static Quote At(decimal bid, decimal ask, decimal bidSize = 5m, decimal askSize = 3m) => new(Symbol, T1, bid, ask, null, bidSize, askSize);

    private static (decimal, decimal)[] Levels(BatchResult result, long orderId) =>
        [.. result.Fills!.Where(f => f.OrderId == orderId).Select(f => (f.Fill.Quantity, f.Fill.Price))];

    [Fact]
    public void Execute_RestingLimitTradedThrough_WalksTheBookUpToItsLimit()
    {
        var result = Run(State(Book(), true, 0m, Working(7, OrderSide.Buy, OrderType.Limit, 10m, limit: 102m)), At(99m, 100m));

        Assert.Equal([(3m, 100m), (4m, 101m), (3m, 102m)], Levels(result, 7));
        // One maker fee on 300 + 404 + 306 = 1 010: 1.01, shared by notional.
        Assert.Equal([0.3m, 0.404m, 0.306m], result.Fills!.Select(f => f.Fill.Fee));
        Assert.All(result.Fills!, f => Assert.Equal((LiquidityRole.Maker, BookProvenance.Depth, (DateTimeOffset?)T1, 3, 10m), (f.Fill.LiquidityRole, f.Fill.Book!.Kind, f.Fill.Book.Time, f.Fill.Book.Levels, f.Fill.Book.OrderQuantity)));
        Assert.Equal([0, 1, 2], result.Fills!.Select(f => f.Fill.Book!.Level));
        var order = Assert.Single(result.Orders!);
        Assert.Equal((OrderStatus.Filled, 101m), (order.Status, order.AverageFillPrice));
        Assert.Equal(10_000m - 1_010m - 1.01m, result.Cash);
    }

    [Fact]
    public void Execute_RestingLimitBookThinnerThanIt_KeepsTheRestWorking()
    {
        var result = Run(State(Book(), true, 0m, Working(7, OrderSide.Buy, OrderType.Limit, 10m, limit: 101m)), At(99m, 100m));

        Assert.Equal([(3m, 100m), (4m, 101m)], Levels(result, 7));
        var order = Assert.Single(result.Orders!);
        Assert.Equal((OrderStatus.PartiallyFilled, 3m), (order.Status, order.Quantity));
    }

    [Fact]
    public void Execute_StopLossTriggered_SellsIntoTheBidsLevelByLevel()
    {
        var result = Run(State(Book(), true, 12m, StopLoss(8, 12m, stop: 99.5m)), At(99m, 99.5m));

        Assert.Equal([(5m, 99m), (5m, 98m), (2m, 97m)], Levels(result, 8));
        // One taker fee on 495 + 490 + 194 = 1 179: 1.179, shared by notional.
        Assert.Equal([0.495m, 0.49m, 0.194m], result.Fills!.Select(f => f.Fill.Fee));
        Assert.All(result.Fills!, f => Assert.Equal(LiquidityRole.Taker, f.Fill.LiquidityRole));
        Assert.Equal(OrderStatus.Filled, Assert.Single(result.Orders!).Status);
        Assert.Empty(result.Positions);
    }

    [Fact]
    public void Execute_StopBeyondTheBook_FillsWhatItHoldsAndCancelsTheRest()
    {
        var result = Run(State(Book(), true, 20m, StopLoss(8, 20m, stop: 99.5m)), At(99m, 99.5m));

        Assert.Equal([(5m, 99m), (5m, 98m), (5m, 97m)], Levels(result, 8));
        var order = Assert.Single(result.Orders!);
        Assert.Equal((OrderStatus.Canceled, 5m, 15m), (order.Status, order.Quantity, order.FilledQuantity));
        Assert.Contains("the book ran out: remaining 5 canceled", order.StatusReason, StringComparison.Ordinal);
        Assert.Equal(5m, Assert.Single(result.Positions).Quantity);
    }

    [Fact]
    public void Execute_SecondRestingOrderOnTheSameQuote_FindsTheFirstsLevelsTaken()
    {
        var state = State(Book(), true, 0m, Working(7, OrderSide.Buy, OrderType.Limit, 10m, limit: 102m), Working(9, OrderSide.Buy, OrderType.Limit, 5m, limit: 103m));

        var result = Run(state, At(99m, 100m));

        Assert.Equal([(3m, 100m), (4m, 101m), (3m, 102m)], Levels(result, 7));
        Assert.Equal([(2m, 102m), (3m, 103m)], Levels(result, 9));
        Assert.Equal([0, 1], result.Fills!.Where(f => f.OrderId == 9).Select(f => f.Fill.Book!.Level));
    }

    [Fact]
    public void Execute_DecisionAfterARestingWalk_FindsTheSameBookTaken()
    {
        var state = State(Book(), true, 0m, Working(7, OrderSide.Buy, OrderType.Limit, 10m, limit: 102m));
        var buy = Decision(1, DecisionAction.Buy, 5m) with { CreatedAt = T1.AddMilliseconds(500) };

        var result = Run(state, At(99m, 100m), buy);

        Assert.Equal([(2m, 102m), (3m, 103m)], result.Fills!.Where(f => f.DecisionId == 1).Select(f => (f.Fill.Quantity, f.Fill.Price)));
    }

    [Fact]
    public void Execute_LimitTheQuoteOnlyTouches_TakesTheTouchSizeAtItsLimit()
    {
        var result = Run(State(Book(), true, 0m, Working(7, OrderSide.Buy, OrderType.Limit, 10m, limit: 100m)), At(99m, 100m, askSize: 2m));

        // A passive fill: the quote's touch size (2), not the book's level (3); no walk.
        var fill = Assert.Single(result.Fills!);
        Assert.Equal((2m, 100m, LiquidityRole.Maker, BookProvenance.Touch), (fill.Fill.Quantity, fill.Fill.Price, fill.Fill.LiquidityRole, fill.Fill.Book!.Kind));
        Assert.Equal(8m, Assert.Single(result.Orders!).Quantity);
    }

    [Fact]
    public void Execute_NoDepth_StopWalksTheSyntheticBook()
    {
        var result = Run(State(Book(unitsPerTick: 2m), false, 5m, StopLoss(8, 5m, stop: 99.5m)), At(99m, 99.5m, bidSize: 1m));

        // 1 at the touch, then 2 per tick worse.
        Assert.Equal([(1m, 99m), (2m, 98.99m), (2m, 98.98m)], Levels(result, 8));
        Assert.All(result.Fills!, f => Assert.Equal((BookProvenance.Synthetic, (DateTimeOffset?)T1), (f.Fill.Book!.Kind, f.Fill.Book.Time)));
    }

    [Fact]
    public void Execute_StopLimitTriggered_WalksUpToItsLimitAndRestsTheRest()
    {
        var stopLimit = Working(7, OrderSide.Sell, OrderType.StopLimit, 12m, limit: 98m, stop: 99.5m);

        var result = Run(State(Book(), true, 12m, stopLimit), At(99m, 99.5m));

        Assert.Equal([(5m, 99m), (5m, 98m)], Levels(result, 7));
        var order = Assert.Single(result.Orders!);
        Assert.Equal((OrderStatus.PartiallyFilled, 2m), (order.Status, order.Quantity));
    }

    [Fact]
    public void Execute_QueuedLimitTradedThrough_WalksTheBookUpToItsLimit()
    {
        var config = Book() with { LimitFills = LimitFillModel.Queue };
        var queued = Working(7, OrderSide.Buy, OrderType.Limit, 10m, limit: 101m) with { QueueAhead = 50m };

        var result = Run(State(config, true, 0m, queued), At(99m, 100m));

        Assert.Equal([(3m, 100m), (4m, 101m)], Levels(result, 7));
        Assert.All(result.Fills!, f => Assert.Equal(OrderStep.QueueFillModel, f.Fill.FillModel));
        var order = Assert.Single(result.Orders!);
        Assert.Equal((OrderStatus.PartiallyFilled, 3m, 0m), (order.Status, order.Quantity, order.QueueAhead));
    }

    [Fact]
    public void Execute_PathOfTwoQuotes_EachWalksTheSnapshotInForceAtItsTime()
    {
        // Order 7 meets the quote at T1; order 9 was evaluated through T1 already, so only the later quote reaches it.
        RestingOrder[] orders = [Working(7, OrderSide.Buy, OrderType.Limit, 10m, limit: 102m), Working(9, OrderSide.Buy, OrderType.Limit, 10m, limit: 102m) with { EvaluatedThrough = T1 }];
        var state = new AccountState(Book(), 10_000m, [], orders)
        {
            DepthBooks = new Dictionary<string, IReadOnlyList<OrderBook>>
            {
                [Symbol] = [new(Symbol, T1, Bids, Asks), new(Symbol, T1.AddSeconds(2), Bids, [new(101m, 1m), new(102m, 20m)])],
            },
        };
        var later = new Quote(Symbol, T1.AddSeconds(3), 99m, 101m, null, 5m, 1m);

        var result = ExecutionEngine.Execute(state, [], new Dictionary<string, Quote> { [Symbol] = later }, Instruments(), later.Time, [At(99m, 100m), later]);

        Assert.Equal([(3m, 100m), (4m, 101m), (3m, 102m)], Levels(result, 7));
        // The quote at T1 + 3 s walks the snapshot of T1 + 2 s, not the one of T1.
        Assert.Equal([(1m, 101m), (9m, 102m)], Levels(result, 9));
        Assert.All(result.Fills!.Where(f => f.OrderId == 9), f => Assert.Equal((DateTimeOffset?)T1.AddSeconds(2), f.Fill.Book!.Time));
    }

    [Fact]
    public void Execute_UnboundedAccount_RestingLimitTakesTheQuotedSizeAsBefore()
    {
        var config = Book() with { Liquidity = LiquiditySettings.Unbounded };

        var result = Run(State(config, true, 0m, Working(7, OrderSide.Buy, OrderType.Limit, 10m, limit: 102m)), At(99m, 100m));

        var fill = Assert.Single(result.Fills!);
        Assert.Equal((3m, 100m, BookProvenance.Touch), (fill.Fill.Quantity, fill.Fill.Price, fill.Fill.Book!.Kind));
    }
}
