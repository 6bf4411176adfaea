using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using Trading.Engine.Queue;
using Trading.Engine.Tests.Execution;
using static Trading.Engine.Tests.Execution.EngineFixture;

namespace Trading.Engine.Tests.Queue;

/// <summary>
/// The queue model through the engine: a resting limit entry joins behind the displayed size, prints at its price work
/// the queue off, a trade-through fills the rest at the limit. Fees 0.1 % with a 1.00 minimum; makers pay no slippage.
/// </summary>
public class QueueFillTests
{
    private static readonly DateTimeOffset T0 = TestData.T0;

    private static AccountConfig Queued() => Config() with { LimitFills = LimitFillModel.Queue };

    private static Quote At(int seconds, decimal bid, decimal ask, decimal? bidSize = null) =>
        new(Symbol, T0.AddSeconds(seconds), bid, ask, null, bidSize, null);

    private static TradePrint Print(int seconds, decimal price, decimal size) => new(T0.AddSeconds(seconds), price, size, OrderSide.Sell);

    private static QueueMarket Market(params TradePrint[] prints) =>
        new(new Dictionary<string, IReadOnlyList<TradePrint>> { [Symbol] = prints }, new Dictionary<(string, OrderSide, decimal), decimal>());

    /// <summary>A BUY 50 limit 99 resting since T0 with 100 ahead of it, as the database hands it to a batch.</summary>
    private static RestingOrder Working(decimal ahead) => new()
    {
        Id = 5,
        AccountId = "paper-1",
        Symbol = Symbol,
        Side = OrderSide.Buy,
        Type = OrderType.Limit,
        LimitPrice = 99m,
        Quantity = 50m,
        PlacedAt = T0,
        Status = OrderStatus.Open,
        EvaluatedThrough = T0,
        QueueAhead = ahead,
    };

    private static BatchResult Run(AccountConfig config, IReadOnlyList<Quote> path, QueueMarket market, IReadOnlyList<DecisionRequest>? decisions = null)
    {
        var state = new AccountState(config, 10_000m, [], [Working(100m)]);
        var latest = path[^1];
        return ExecutionEngine.Execute(
            state, decisions ?? [], new Dictionary<string, Quote> { [Symbol] = latest }, Instruments(), latest.Time, path, market: market);
    }

    [Fact]
    public void PrintsOf80Then30_With100Ahead_Fill10AtTheLimit()
    {
        var result = Run(Queued(), [At(3, 99m, 99.01m)], Market(Print(1, 99m, 80m), Print(2, 99m, 30m)));

        // 80 leaves 20 ahead; 30 takes those 20 and 10 of the order. A maker at its limit: notional 990, fee 1 (minimum).
        var fill = Assert.Single(result.Fills!);
        Assert.Equal((10m, 99m, LiquidityRole.Maker, "queue"), (fill.Fill.Quantity, fill.Fill.Price, fill.Fill.LiquidityRole, fill.Fill.FillModel));
        var order = result.Orders!.Single();
        Assert.Equal((OrderStatus.PartiallyFilled, 40m, 0m, T0.AddSeconds(3)), (order.Status, order.Quantity, order.QueueAhead, order.EvaluatedThrough));
        Assert.Equal(10_000m - 990m - 1m, result.Cash);
    }

    [Fact]
    public void PrintsShortOfTheQueue_OnlyShortenIt_AndATouchDoesNotFill()
    {
        var result = Run(Queued(), [At(3, 98.99m, 99m)], Market(Print(1, 99m, 80m)));

        Assert.Empty(result.Fills!);
        Assert.Equal((OrderStatus.Open, 20m), (result.Orders!.Single().Status, result.Orders!.Single().QueueAhead));
    }

    [Fact]
    public void PrintAfterTheNewestQuote_WaitsForTheNextBatch()
    {
        var result = Run(Queued(), [At(3, 99m, 99.01m)], Market(Print(1, 99m, 80m), Print(4, 99m, 30m)));

        Assert.Empty(result.Fills!);
        Assert.Equal((20m, T0.AddSeconds(3)), (result.Orders!.Single().QueueAhead, result.Orders!.Single().EvaluatedThrough));
    }

    [Fact]
    public void QuoteThroughTheLimit_FillsEverythingAtTheLimit()
    {
        var result = Run(Queued(), [At(3, 98.50m, 98.60m)], QueueMarket.Empty);

        // The ask 98.60 traded through 99: the whole queue is gone; the order gets its limit, not the ask.
        var fill = Assert.Single(result.Fills!);
        Assert.Equal((50m, 99m, "queue"), (fill.Fill.Quantity, fill.Fill.Price, fill.Fill.FillModel));
        Assert.Equal(OrderStatus.Filled, result.Orders!.Single().Status);
    }

    [Fact]
    public void TouchModel_SameQuote_FillsOnTheTouchAtTheAsk()
    {
        var result = Run(Config(), [At(3, 98.99m, 99m)], Market(Print(1, 99m, 80m)));

        Assert.Equal((50m, 99m, "market"), (result.Fills!.Single().Fill.Quantity, result.Fills!.Single().Fill.Price, result.Fills!.Single().Fill.FillModel));
    }

    [Theory]
    [InlineData(99, null, 100)] // at the bid: behind the quote's bid size
    [InlineData(99, 250, 250)] // the book snapshot shows 250 at 99
    [InlineData(99.5, null, 0)] // improves the touch: first in line
    [InlineData(98, null, 0)] // below the touch with no book: nothing known ahead
    public void NewLimit_JoinsBehindTheDisplayedSize(decimal limit, int? shown, decimal expected)
    {
        var displayed = new Dictionary<(string, OrderSide, decimal), decimal>();
        if (shown is { } size)
        {
            displayed[(Symbol, OrderSide.Buy, limit)] = size;
        }

        var market = new QueueMarket(new Dictionary<string, IReadOnlyList<TradePrint>>(), displayed);
        var decision = EngineFixture.Decision(1, DecisionAction.Buy, 1m, type: OrderType.Limit) with { LimitPrice = limit };
        var quote = At(0, 99m, 100m, bidSize: 100m);
        var state = AccountState.Open(Queued());

        var result = ExecutionEngine.Execute(state, [decision], new Dictionary<string, Quote> { [Symbol] = quote }, Instruments(), T0, market: market);

        Assert.Equal(expected, result.Orders!.Single().QueueAhead);
    }
}
