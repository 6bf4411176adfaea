using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Execution.EngineFixture;

namespace Trading.Engine.Tests.Execution;

public class DecisionRulesTests
{
    private readonly AccountState _state = AccountState.Open(Config());

    [Fact]
    public void Execute_Hold_Skipped()
    {
        var outcome = Run(_state, Decision(1, DecisionAction.Hold), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Skipped, outcome.Status);
        Assert.Equal("HOLD: nothing to do", outcome.Reason);
        Assert.Null(outcome.Order);
    }

    [Fact]
    public void Execute_ConfidenceBelowThreshold_Skipped()
    {
        var outcome = Run(_state, Decision(1, DecisionAction.Buy, confidence: 0.55m), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Skipped, outcome.Status);
        Assert.Equal("confidence 0.55 below threshold 0.60", outcome.Reason);
    }

    [Fact]
    public void Execute_HaltedAccount_Rejected()
    {
        var state = AccountState.Open(Config() with { Halted = true, HaltReason = "daily loss limit" });

        var outcome = Run(state, Decision(1, DecisionAction.Buy), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("account halted: daily loss limit", outcome.Reason);
    }

    [Fact]
    public void Execute_NoQuote_Rejected()
    {
        var outcome = Run(_state, Decision(1, DecisionAction.Buy), []);

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("no price for BTCUSDT", outcome.Reason);
    }

    [Fact]
    public void Execute_UnknownInstrument_Rejected()
    {
        var outcome = Run(_state, Decision(1, DecisionAction.Buy, symbol: "DOGEUSDT"), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("unknown instrument DOGEUSDT", outcome.Reason);
    }

    [Fact]
    public void Execute_StaleQuote_Rejected()
    {
        var quotes = Quotes(99.99m, 100.01m, TestData.T0);

        var outcome = Run(_state, Decision(1, DecisionAction.Buy), quotes, TestData.T0.AddSeconds(75.2));

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("stale price: newest BTCUSDT quote is 75.2 s old (bound 60 s)", outcome.Reason);
    }

    [Fact]
    public void Execute_QuoteAtBound_Executed()
    {
        var outcome = Run(_state, Decision(1, DecisionAction.Buy, quantity: 1m), Quotes(99.99m, 100.01m), TestData.T0.AddSeconds(60));

        Assert.Equal(DecisionStatus.Executed, outcome.Status);
    }

    [Fact]
    public void Execute_LimitOrderWithoutLimitPrice_RejectedWithReason()
    {
        var outcome = Run(_state, Decision(1, DecisionAction.Buy, quantity: 1m, type: OrderType.Limit), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("Limit order needs a limit price", outcome.Reason);
    }

    [Fact]
    public void Execute_SellWithoutLongShortingDisabled_Rejected()
    {
        var outcome = Run(_state, Decision(1, DecisionAction.Sell), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("no long BTCUSDT position to sell and shorting is disabled", outcome.Reason);
    }

    [Fact]
    public void Execute_SellMoreThanLongShortingDisabled_Rejected()
    {
        Run(_state, Decision(1, DecisionAction.Buy, quantity: 2m), Quotes(99.99m, 100.01m));

        var outcome = Run(_state, Decision(2, DecisionAction.Sell, quantity: 3m), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("sell of 3 BTCUSDT exceeds the long position of 2 and shorting is disabled", outcome.Reason);
    }

    [Fact]
    public void Execute_CloseWhenFlat_Skipped()
    {
        var outcome = Run(_state, Decision(1, DecisionAction.Close), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Skipped, outcome.Status);
        Assert.Equal("no open BTCUSDT position", outcome.Reason);
    }

    [Fact]
    public void Execute_CloseLowConfidence_NotGated()
    {
        Run(_state, Decision(1, DecisionAction.Buy, quantity: 1m), Quotes(99.99m, 100.01m));

        var outcome = Run(_state, Decision(2, DecisionAction.Close, confidence: 0m), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Executed, outcome.Status);
        Assert.Empty(_state.Positions);
    }

    [Fact]
    public void Execute_QuantityBelowOneLot_RejectedWithFigures()
    {
        var outcome = Run(_state, Decision(1, DecisionAction.Buy, quantity: 0.0004m), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("requested quantity 0.0004 rounds down to 0 lots of 0.001 BTCUSDT", outcome.Reason);
    }

    [Fact]
    public void Execute_NotionalBelowMinimum_RejectedWithFigures()
    {
        var outcome = Run(_state, Decision(1, DecisionAction.Buy, notional: 4m), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("order notional 4.00 below the BTCUSDT minimum 5.00 (0.04 at 100.03)", outcome.Reason);
    }

    [Fact]
    public void Execute_QuantityAndNotional_Rejected()
    {
        var outcome = Run(_state, Decision(1, DecisionAction.Buy, quantity: 1m, notional: 100m), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("give a quantity or a notional, not both", outcome.Reason);
    }

    [Fact]
    public void Execute_InsufficientBuyingPower_RejectedWithFigures()
    {
        var outcome = Run(_state, Decision(1, DecisionAction.Buy, quantity: 120m), Quotes(99.99m, 100.01m));

        // 120 × 100.03 = 12003.60 exposure; fee 12.0036 → equity after 9987.9964
        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("insufficient buying power: order needs 12003.60 exposure, equity after this fill 9988.00 (now 10000.00) × leverage 1 allows 9988.00", outcome.Reason);
        Assert.Equal(10_000m, _state.Cash);
    }

    [Fact]
    public void Execute_InsufficientBuyingPowerPartialAllowed_ExecutesReducedSize()
    {
        var state = AccountState.Open(Config(allowPartial: true));

        var outcome = Run(state, Decision(1, DecisionAction.Buy, quantity: 120m), Quotes(99.99m, 100.01m));

        // largest q with q × 100.03 ≤ 10,000 − 0.1% × q × 100.03: q ≤ 99.8702 → 99.870
        Assert.Equal(DecisionStatus.Executed, outcome.Status);
        Assert.Equal(120m, outcome.Order!.RequestedQuantity);
        Assert.Equal(99.87m, outcome.Order.FilledQuantity);
        Assert.Contains("quantity reduced from 120 to 99.87 by buying power", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(9_989.9961m, outcome.Order.Fill.Notional);
        Assert.Equal(9.9899961m, outcome.Order.Fill.Fee);
        Assert.Equal(0.0139039m, state.Cash);
    }

    [Fact]
    public void Execute_SizerWithoutExplicitSize_UsesConfidenceAndRisk()
    {
        var decision = Decision(1, DecisionAction.Buy, confidence: 0.75m) with { RiskScore = 0.3m };

        var outcome = Run(_state, decision, Quotes(99.99m, 100.01m));

        // 2000 × 0.9375 × 0.85 = 1593.75 at mark 100.00 → 15.937
        Assert.Equal(DecisionStatus.Executed, outcome.Status);
        Assert.Equal(15.937m, outcome.Order!.FilledQuantity);
    }

    [Fact]
    public void Execute_SameDecisionTwice_SameFillWhateverTheOrder()
    {
        var seeded = Config() with { SlippageModel = new Trading.Engine.Slippage.SeedSlippageModel(0.0005m) };
        var quotes = new Dictionary<string, Quote> { [Symbol] = TestData.Quote(Symbol, 99.99m, 100.01m) };
        var a = ExecutionEngine.Execute(AccountState.Open(seeded), [Decision(7, DecisionAction.Buy, 1m), Decision(8, DecisionAction.Buy, 1m)], quotes, Instruments(), TestData.T0);
        var b = ExecutionEngine.Execute(AccountState.Open(seeded), [Decision(8, DecisionAction.Buy, 1m), Decision(7, DecisionAction.Buy, 1m)], quotes, Instruments(), TestData.T0);

        Assert.Equal(a.Outcomes[0].Order!.Fill.Price, b.Outcomes[1].Order!.Fill.Price);
        Assert.Equal(a.Outcomes[0].Order!.Fill.SlippageFraction, b.Outcomes[1].Order!.Fill.SlippageFraction);
        Assert.Equal(a.Outcomes[1].Order!.Fill.RngSeed, b.Outcomes[0].Order!.Fill.RngSeed);
    }
}
