using Trading.Engine.Execution;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Execution.EngineFixture;

namespace Trading.Engine.Tests.Execution;

/// <summary>
/// What the venue cannot carry (<see cref="VenueLimits"/>) is rejected with a sentence before anything changes, instead
/// of overflowing a decimal or a numeric(28,10) column and failing the batch three times.
/// </summary>
public class VenueBoundsTests
{
    [Fact]
    public void Execute_TakeProfitPercentBeyondMaximum_RejectedWithTheBound()
    {
        var decision = Decision(1, DecisionAction.Buy, quantity: 1m) with
        {
            Bracket = new BracketSpec(null, ExitLevel.AtFraction(9_999_999_999_999_999.99m), null),
        };

        var outcome = Run(AccountState.Open(Config()), decision, Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("take-profit 999999999999999999 % must be below 10000 %", outcome.Reason);
    }

    [Fact]
    public void Execute_LimitPriceAtMaximum_Rejected()
    {
        var decision = Decision(1, DecisionAction.Buy, quantity: 1m, type: OrderType.Limit) with { LimitPrice = VenueLimits.MaxPrice };

        var outcome = Run(AccountState.Open(Config()), decision, Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("limit price 100000000 is beyond the venue's maximum price of 100000000", outcome.Reason);
    }

    [Fact]
    public void Execute_QuantityAtMaximum_Rejected()
    {
        var outcome = Run(AccountState.Open(Config()), Decision(1, DecisionAction.Buy, quantity: VenueLimits.MaxQuantity), Quotes(99.99m, 100.01m));

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("quantity 1000000000 is beyond the venue's maximum of 1000000000 units", outcome.Reason);
    }

    [Fact]
    public void Execute_FillLeavingPositionAtMaximum_RejectedAndNothingChanges()
    {
        var state = AccountState.Open(Config() with { InitialCapital = 100_000_000m });
        var quotes = Quotes(0.01m, 0.02m);
        Assert.Equal(DecisionStatus.Executed, Run(state, Decision(1, DecisionAction.Buy, quantity: 999_999_999m), quotes).Status);
        var cash = state.Cash;

        var outcome = Run(state, Decision(2, DecisionAction.Buy, quantity: 1_000m), quotes);

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.Equal("the BTCUSDT position would be 1000000999 units, beyond the venue's maximum of 1000000000", outcome.Reason);
        Assert.Equal(cash, state.Cash);
    }

    [Fact]
    public void Execute_DefaultTakeProfitBeyondMaximumPrice_EntryFillsBracketRefused()
    {
        var state = AccountState.Open(Config() with { InitialCapital = 10_000_000m, DefaultTakeProfitFraction = 100m });

        var outcome = Run(state, Decision(1, DecisionAction.Buy, quantity: 1m), Quotes(999_999.99m, 1_000_000.01m));

        Assert.Equal(DecisionStatus.Executed, outcome.Status);
        Assert.True(outcome.Reason.EndsWith(
            "bracket refused: take-profit 10000 % puts the exit at 101010102.02, beyond the venue's maximum price of 100000000", StringComparison.Ordinal), outcome.Reason);
    }

    [Fact]
    public void Execute_CloseOfAPositionWorthMoreThanTheMaximumAmount_Executes()
    {
        var state = AccountState.Open(Config() with { InitialCapital = 999_000_000_000_000m });
        Assert.Equal(DecisionStatus.Executed, Run(state, Decision(1, DecisionAction.Buy, quantity: 99_000_000m), Quotes(9_999_999.99m, 10_000_000m)).Status);

        var outcome = Run(state, Decision(2, DecisionAction.Close), Quotes(19_999_999.99m, 20_000_000m));

        Assert.Equal(DecisionStatus.Executed, outcome.Status);
        Assert.StartsWith("sold 99000000 BTCUSDT at ", outcome.Reason, StringComparison.Ordinal);
    }
}
