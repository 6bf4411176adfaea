using Trading.Engine.Execution;
using Trading.Engine.Impact;
using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using Trading.Engine.Slippage;
using static Trading.Engine.Tests.Execution.EngineFixture;
using OrderBook = Trading.Engine.Liquidity.OrderBook;

namespace Trading.Engine.Tests.Execution;

/// <summary>
/// The book walk through the engine, hand-computed: fee 0.1 % with a 1.00 minimum, tick 0.01, lot 0.001, asks
/// 100 × 3, 101 × 4, 102 × 5 behind a quote 99/100.
/// </summary>
public class BookWalkExecutionTests
{
    private static readonly Quote Touch = new(Symbol, TestData.T0, 99m, 100m, null, bidSize: 3m, askSize: 3m);

    private static AccountConfig Book(ISlippageModel? slippage = null, decimal? unitsPerTick = null) => Config() with
    {
        SlippageModel = slippage ?? new NoSlippage(),
        Liquidity = new LiquiditySettings(LiquidityModel.Book, syntheticLevels: 3, syntheticUnitsPerTick: unitsPerTick),
    };

    private static OrderBook Depth(DateTimeOffset? time = null) => new(
        Symbol, time ?? TestData.T0, [new BookLevel(99m, 3m)], [new BookLevel(100m, 3m), new BookLevel(101m, 4m), new BookLevel(102m, 5m)]);

    private static AccountState State(AccountConfig config, OrderBook? depth, LiquidityLedger? ledger = null) =>
        new(config, config.InitialCapital, [])
        {
            DepthBooks = depth is null ? new Dictionary<string, IReadOnlyList<OrderBook>>() : new Dictionary<string, IReadOnlyList<OrderBook>> { [Symbol] = [depth] },
            Liquidity = ledger ?? new LiquidityLedger(),
        };

    private static BatchResult Execute(AccountState state, Quote quote, params DecisionRequest[] decisions) =>
        ExecutionEngine.Execute(state, decisions, new Dictionary<string, Quote> { [Symbol] = quote }, Instruments(), quote.Time);

    [Fact]
    public void Execute_Buy10AgainstThreeLevels_FillsEachLevelAtItsPrice()
    {
        var result = Execute(State(Book(), Depth()), Touch, Decision(1, DecisionAction.Buy, 10m));

        Assert.Equal([(3m, 100m), (4m, 101m), (3m, 102m)], result.Fills!.Select(f => (f.Fill.Quantity, f.Fill.Price)));
        Assert.Equal([300m, 404m, 306m], result.Fills!.Select(f => f.Fill.Notional));
        // One fee on 1 010.00 (1.01), shared by notional: 0.30, 0.404, 0.306.
        Assert.Equal([0.3m, 0.404m, 0.306m], result.Fills!.Select(f => f.Fill.Fee));
        Assert.Equal(10_000m - 1_010m - 1.01m, result.Cash);
        Assert.All(result.Fills!, f => Assert.Equal(EngineMath.Notional(f.Fill.Quantity, f.Fill.Price), f.Fill.Notional));
        Assert.Equal([0, 1, 2], result.Fills!.Select(f => f.Fill.Book!.Level));
        Assert.All(result.Fills!, f => Assert.Equal((BookProvenance.Depth, (DateTimeOffset?)TestData.T0, 3, 10m), (f.Fill.Book!.Kind, f.Fill.Book.Time, f.Fill.Book.Levels, f.Fill.Book.OrderQuantity)));
        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(DecisionStatus.Executed, outcome.Status);
        Assert.Equal("bought 10 BTCUSDT at 101 on average over 3 book levels, fee 1.01", outcome.Reason);
        Assert.Equal(101m, Assert.Single(result.Positions).AverageEntryPrice);
    }

    [Fact]
    public void Execute_SecondOrderOnTheSameBook_FindsTheTakenLevelsGone()
    {
        var result = Execute(
            State(Book(), Depth()), Touch, Decision(1, DecisionAction.Buy, 10m), Decision(2, DecisionAction.Buy, 6m), Decision(3, DecisionAction.Buy, 1m));

        var second = result.Fills!.Skip(3).Single();
        Assert.Equal((2m, 102m), (second.Fill.Quantity, second.Fill.Price));
        Assert.Equal(DecisionStatus.Executed, result.Outcomes[1].Status);
        Assert.Contains("the book ran out: remaining 4 canceled", result.Outcomes[1].Reason, StringComparison.Ordinal);
        Assert.Equal(DecisionStatus.Rejected, result.Outcomes[2].Status);
        Assert.StartsWith("no ask liquidity left in the depth BTCUSDT book", result.Outcomes[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_NextBook_RefillsTheLevels()
    {
        var ledger = new LiquidityLedger();
        var config = Book();
        Execute(State(config, Depth(), ledger), Touch, Decision(1, DecisionAction.Buy, 12m));
        var later = TestData.T0.AddSeconds(1);
        var again = State(config, Depth(later), ledger);

        var result = Execute(again, new Quote(Symbol, later, 99m, 100m, null, 3m, 3m), Decision(2, DecisionAction.Buy, 3m) with { CreatedAt = later });

        Assert.Equal((3m, 100m), (result.Fills!.Single().Fill.Quantity, result.Fills!.Single().Fill.Price));
    }

    [Fact]
    public void Execute_NoDepth_WalksASyntheticBookRepeatingTheTouchSize()
    {
        var result = Execute(State(Book(), null), Touch, Decision(1, DecisionAction.Buy, 7m));

        // 3 at the touch, then 3 per tick worse (units per tick unset: the touch's size again).
        Assert.Equal([(3m, 100m), (3m, 100.01m), (1m, 100.02m)], result.Fills!.Select(f => (f.Fill.Quantity, f.Fill.Price)));
        Assert.All(result.Fills!, f => Assert.Equal(BookProvenance.Synthetic, f.Fill.Book!.Kind));
    }

    [Fact]
    public void Execute_SyntheticUnitsPerTick_GivesThatMuchBelowTheTouch()
    {
        var result = Execute(State(Book(unitsPerTick: 5m), null), Touch, Decision(1, DecisionAction.Buy, 7m));

        Assert.Equal([(3m, 100m), (4m, 100.01m)], result.Fills!.Select(f => (f.Fill.Quantity, f.Fill.Price)));
    }

    [Fact]
    public void Execute_QuoteWithoutSize_FillsAtTheUnboundedTouch()
    {
        var result = Execute(State(Book(), null), TestData.Quote(Symbol, 99m, 100m), Decision(1, DecisionAction.Buy, 50m));

        var fill = Assert.Single(result.Fills!);
        Assert.Equal((50m, 100m, BookProvenance.Unbounded), (fill.Fill.Quantity, fill.Fill.Price, fill.Fill.Book!.Kind));
    }

    [Fact]
    public void Execute_MarketableLimit_WalksUpToItsLimitAndRestsTheRest()
    {
        var limit = Decision(1, DecisionAction.Buy, 10m, type: OrderType.Limit) with { LimitPrice = 101m };

        var result = Execute(State(Book(), Depth()), Touch, limit);

        Assert.Equal([(3m, 100m), (4m, 101m)], result.Fills!.Select(f => (f.Fill.Quantity, f.Fill.Price)));
        Assert.Equal(DecisionStatus.Placed, result.Outcomes[0].Status);
        Assert.Equal(3m, Assert.Single(result.Orders!, o => o.IsActive).Quantity);
    }

    [Fact]
    public void Execute_SqrtImpact_PricesTheTouchBySigmaAndVolume()
    {
        // f = 1 × 0.02 × √(4 / 400) = 0.002: 100 × 1.002 = 100.2 at the touch, which holds 100.
        var estimate = new ImpactEstimate(Symbol, 0.02m, 400m, 60, TestData.T0.AddHours(-1), TestData.T0);
        var impact = new SquareRootImpact(1m, new Dictionary<string, ImpactEstimate> { [Symbol] = estimate });
        var deep = new Quote(Symbol, TestData.T0, 99m, 100m, null, 100m, 100m);

        var fill = Assert.Single(Execute(State(Book(impact), null), deep, Decision(1, DecisionAction.Buy, 4m)).Fills!).Fill;

        Assert.Equal((100.2m, 0.002m), (fill.Price, fill.SlippageFraction));
        Assert.Equal((1m, 0.02m, 400m, 4m, 60), (fill.Impact!.Coefficient, fill.Impact.Estimate.Sigma, fill.Impact.Estimate.Volume, fill.Impact.Quantity, fill.Impact.Estimate.Samples));
    }

    [Fact]
    public void Execute_SqrtImpactOverTheWalk_TakesTheWorseOfLevelAndImpactNeverBoth()
    {
        // f = 0.02 × √(10 / 1000) = 0.002: the impacted touch is 100.2; levels 101 and 102 are worse than it already.
        var estimate = new ImpactEstimate(Symbol, 0.02m, 1_000m, 60, TestData.T0.AddHours(-1), TestData.T0);
        var impact = new SquareRootImpact(1m, new Dictionary<string, ImpactEstimate> { [Symbol] = estimate });

        var result = Execute(State(Book(impact), Depth()), Touch, Decision(1, DecisionAction.Buy, 10m));

        Assert.Equal([(3m, 100.2m), (4m, 101m), (3m, 102m)], result.Fills!.Select(f => (f.Fill.Quantity, f.Fill.Price)));
    }

    [Fact]
    public void Execute_FixedSlippageOverTheWalk_MovesEveryLevel()
    {
        // 0.1 %: 100.1, 101.101 → 101.11 (up to the tick), 102.102 → 102.11.
        var result = Execute(State(Book(new FixedFractionSlippage(0.001m)), Depth()), Touch, Decision(1, DecisionAction.Buy, 10m));

        Assert.Equal([100.1m, 101.11m, 102.11m], result.Fills!.Select(f => f.Fill.Price));
        Assert.Equal([100m, 101m, 102m], result.Fills!.Select(f => f.Fill.ReferencePrice));
    }

    [Fact]
    public void Execute_SqrtImpactWithoutHistory_RejectsWithTheReason()
    {
        var impact = new SquareRootImpact(1m, new Dictionary<string, ImpactEstimate>(), new Dictionary<string, string> { [Symbol] = "BTCUSDT: 2 observations, the impact model needs at least 3" });

        var outcome = Assert.Single(Execute(State(Book(impact), Depth()), Touch, Decision(1, DecisionAction.Buy, 1m)).Outcomes);

        Assert.Equal((DecisionStatus.Rejected, "sqrt_impact cannot price BTCUSDT: BTCUSDT: 2 observations, the impact model needs at least 3"), (outcome.Status, outcome.Reason));
    }

    [Fact]
    public void Execute_PartialSizeOverTheWalk_KeepsTheBestLevelsAndChecksOnce()
    {
        // Equity 1 000: a minimum fee of 1 once leaves room for 3 at 100 and 6.93 at 101 (993.00 + 1.00 = 994 ≤ 1 000 …).
        var config = Book() with { InitialCapital = 1_000m, AllowPartialSize = true, MaxPositionFraction = 1m };

        var result = Execute(State(config, Depth()), Touch, Decision(1, DecisionAction.Buy, 10m));

        Assert.Equal(100m, result.Fills![0].Fill.Price);
        Assert.True(result.Cash >= 0m);
        Assert.Equal(1m, result.Fills!.Sum(f => f.Fill.Fee));
    }
}
