using Trading.Engine.Execution;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Execution.EngineFixture;

namespace Trading.Engine.Tests.Execution;

public class RoundTripTests
{
    [Fact]
    public void Execute_LongRoundTrip_FeesAndSlippageInPriceOnly()
    {
        var state = AccountState.Open(Config());

        var buy = Run(state, Decision(1, DecisionAction.Buy, quantity: 10m, currentPrice: 100m), Quotes(99.99m, 100.01m));

        // ask 100.01 × 1.0001 = 100.020001 → 100.03; notional 1000.30; fee 0.1% = 1.0003
        Assert.Equal(DecisionStatus.Executed, buy.Status);
        var fill = buy.Order!.Fill;
        Assert.Equal(100.03m, fill.Price);
        Assert.Equal(100.01m, fill.ReferencePrice);
        Assert.Equal(0.02m, fill.SlippagePerUnit);
        Assert.Equal(0.2m, fill.SlippageCost);
        Assert.Equal(1000.30m, fill.Notional);
        Assert.Equal(1.0003m, fill.Fee);
        Assert.Equal(0.03m, fill.PriceVsDecision);
        Assert.Equal(LiquidityRole.Taker, fill.LiquidityRole);
        Assert.Equal("bought 10 BTCUSDT at 100.03, fee 1.00", buy.Reason);
        Assert.Equal(8998.6997m, state.Cash);

        var sell = Run(state, Decision(2, DecisionAction.Sell), Quotes(109.99m, 110.01m));

        // bid 109.99 × 0.9999 = 109.979001 → 109.97; notional 1099.70; fee 1.0997
        Assert.Equal(DecisionStatus.Executed, sell.Status);
        Assert.Equal(109.97m, sell.Order!.Fill.Price);
        var trade = Assert.Single(sell.Order.Trades);
        Assert.Equal(PositionSide.Long, trade.Side);
        Assert.Equal(99.40m, trade.GrossPnl);
        Assert.Equal(1.0003m, trade.EntryFees);
        Assert.Equal(1.0997m, trade.ExitFees);
        Assert.Equal(97.30m, trade.NetPnl);
        Assert.Null(sell.Order.PositionAfter);
        Assert.Equal(10_097.30m, state.Cash);
        Assert.Empty(state.Positions);
    }

    [Fact]
    public void Execute_ShortRoundTripAtALoss_CashIsInitialMinusCostsOnly()
    {
        var state = AccountState.Open(Config(allowShorting: true));

        var open = Run(state, Decision(1, DecisionAction.Sell, quantity: 10m), Quotes(99.99m, 100.01m));

        // bid 99.99 × 0.9999 → 99.98; notional 999.80 credited; fee max(0.9998, 1) = 1
        Assert.Equal(DecisionStatus.Executed, open.Status);
        Assert.Equal(PositionSide.Short, open.Order!.PositionAfter!.Side);
        Assert.Equal(10_998.80m, state.Cash);

        var cover = Run(state, Decision(2, DecisionAction.Close, confidence: 0.1m), Quotes(99.99m, 100.01m));

        // ask 100.01 × 1.0001 → 100.03; notional 1000.30 debited; fee 1.0003
        var trade = Assert.Single(cover.Order!.Trades);
        Assert.Equal(PositionSide.Short, trade.Side);
        Assert.Equal(-0.50m, trade.GrossPnl);
        Assert.Equal(-2.5003m, trade.NetPnl);
        Assert.Equal(9_997.4997m, state.Cash); // 10,000 − 2.5003, not minus any margin
        Assert.Empty(state.Positions);
    }

    [Fact]
    public void Execute_ShortRoundTripAtAProfit_NetMatchesCash()
    {
        var state = AccountState.Open(Config(allowShorting: true));

        Run(state, Decision(1, DecisionAction.Sell, quantity: 10m), Quotes(99.99m, 100.01m));
        var cover = Run(state, Decision(2, DecisionAction.Buy), Quotes(89.99m, 90.01m));

        // cover at 90.01 × 1.0001 → 90.02; gross 999.80 − 900.20 = 99.60; fees 1 + 1
        var trade = Assert.Single(cover.Order!.Trades);
        Assert.Equal(99.60m, trade.GrossPnl);
        Assert.Equal(97.60m, trade.NetPnl);
        Assert.Equal(10_097.60m, state.Cash);
    }

    [Fact]
    public void Execute_SellMoreThanLongWithShorting_FlipsWithOneTrade()
    {
        var state = AccountState.Open(Config(allowShorting: true));
        Run(state, Decision(1, DecisionAction.Buy, quantity: 10m), Quotes(99.99m, 100.01m));

        var flip = Run(state, Decision(2, DecisionAction.Sell, quantity: 15m), Quotes(109.99m, 110.01m));

        // 15 at 109.97 = 1649.55; fee 1.64955 splits 1.0997 (10/15) + 0.54985
        var trade = Assert.Single(flip.Order!.Trades);
        Assert.Equal(10m, trade.Quantity);
        Assert.Equal(1099.70m, trade.ExitNotional);
        Assert.Equal(1.0997m, trade.ExitFees);
        var position = flip.Order.PositionAfter!;
        Assert.Equal(PositionSide.Short, position.Side);
        Assert.Equal(5m, position.Quantity);
        Assert.Equal(549.85m, position.CostBasis);
        Assert.Equal(0.54985m, position.EntryFees);
    }

    [Fact]
    public void Execute_Batch_ReportsChangedSymbolsIncludingFlat()
    {
        var state = AccountState.Open(Config());

        var result = ExecutionEngine.Execute(
            state,
            [Decision(1, DecisionAction.Buy, quantity: 1m), Decision(2, DecisionAction.Close), Decision(3, DecisionAction.Hold)],
            Quotes(99.99m, 100.01m),
            Instruments(),
            TestData.T0);

        Assert.Equal([1L, 2L, 3L], result.Outcomes.Select(o => o.DecisionId));
        Assert.Equal([DecisionStatus.Executed, DecisionStatus.Executed, DecisionStatus.Skipped], result.Outcomes.Select(o => o.Status));
        Assert.Empty(result.Positions);
        Assert.Contains(Symbol, result.ChangedSymbols);
        Assert.Equal(state.Cash, result.Cash);
    }
}
