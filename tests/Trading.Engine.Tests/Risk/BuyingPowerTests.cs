using Trading.Engine.Fees;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using Trading.Engine.Risk;

namespace Trading.Engine.Tests.Risk;

public class BuyingPowerTests
{
    private static readonly Dictionary<string, decimal> NoMarks = [];
    private readonly RateFeeModel _fees = new(0.001m, 0m);

    [Fact]
    public void Check_ExposureAboveEquity_RejectedWithFigures()
    {
        var result = Check(new Portfolio(10_000m, []), OrderSide.Buy, 120m, new BuyingPowerPolicy(1m, false, false));

        Assert.False(result.Allowed);
        Assert.Equal(
            "insufficient buying power: order needs 12000.00 exposure, equity after this fill 9988.00 (now 10000.00) × leverage 1 allows 9988.00",
            result.Reason);
    }

    [Fact]
    public void Check_PartialAllowed_ReducesToLargestPassingLot()
    {
        var result = Check(new Portfolio(10_000m, []), OrderSide.Buy, 120m, new BuyingPowerPolicy(1m, false, true));

        // q × 100 ≤ 10,000 − 0.1 q ⇔ q ≤ 99.9000999 → 99.900 in lots of 0.001
        Assert.True(result.Allowed);
        Assert.True(result.Reduced);
        Assert.Equal(99.9m, result.Quantity);
        Assert.StartsWith("quantity reduced from 120 to 99.9 by buying power", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithinLeverage_Allowed()
    {
        var result = Check(new Portfolio(10_000m, []), OrderSide.Buy, 150m, new BuyingPowerPolicy(2m, false, false));

        Assert.True(result.Allowed);
        Assert.False(result.Reduced);
        Assert.Equal(150m, result.Quantity);
    }

    [Fact]
    public void Check_ReducingOverExposedPosition_Allowed()
    {
        var portfolio = new Portfolio(-5_000m, [new Position("X", PositionSide.Long, 150m, 15_000m, 0m, TestData.T0)]);

        var result = Check(portfolio, OrderSide.Sell, 10m, new BuyingPowerPolicy(1m, false, false));

        Assert.True(result.Allowed);
    }

    [Fact]
    public void Check_ShortWhenDisabled_Rejected()
    {
        var result = Check(new Portfolio(10_000m, []), OrderSide.Sell, 1m, new BuyingPowerPolicy(1m, false, true));

        Assert.False(result.Allowed);
        Assert.Equal("shorting is disabled: order would leave a short of 1 X", result.Reason);
    }

    [Fact]
    public void Check_ShortWithinEquity_Allowed()
    {
        // selling short credits cash: equity after = 10,000 − fee, exposure 9,000
        var result = Check(new Portfolio(10_000m, []), OrderSide.Sell, 90m, new BuyingPowerPolicy(1m, true, false));

        Assert.True(result.Allowed);
    }

    private BuyingPowerResult Check(Portfolio portfolio, OrderSide side, decimal quantity, BuyingPowerPolicy policy) =>
        BuyingPower.Check(portfolio, NoMarks, new BuyingPowerOrder("X", side, quantity, 100m, LiquidityRole.Taker, 0.001m), _fees, policy);
}
