using Trading.Engine.Positions;
using Trading.Engine.Primitives;

namespace Trading.Engine.Tests.Positions;

public class PortfolioTests
{
    [Fact]
    public void Equity_MixedLongShort_CashPlusSignedQuantityTimesMark()
    {
        var portfolio = new Portfolio(10_000m, []);
        portfolio.ApplyFill("A", OrderSide.Buy, 10m, 100m, 1m, TestData.T0);
        portfolio.ApplyFill("B", OrderSide.Sell, 2m, 500m, 1m, TestData.T0);
        var marks = new Dictionary<string, decimal> { ["A"] = 105m, ["B"] = 490m };

        Assert.Equal(9_998m, portfolio.Cash);
        Assert.Equal(10_068m, portfolio.Equity(marks)); // 9998 + 10 × 105 − 2 × 490
        Assert.Equal(2_030m, portfolio.GrossExposure(marks));
        Assert.Equal(68m, portfolio.UnrealizedNet(marks)); // = equity − initial
    }

    [Fact]
    public void Equity_MissingMark_Throws()
    {
        var portfolio = new Portfolio(10_000m, [new Position("A", PositionSide.Long, 1m, 100m, 0m, TestData.T0)]);

        Assert.Throws<KeyNotFoundException>(() => portfolio.Equity(new Dictionary<string, decimal>()));
    }

    [Fact]
    public void Constructor_DuplicateSymbol_Throws()
    {
        var p = new Position("A", PositionSide.Long, 1m, 100m, 0m, TestData.T0);

        Assert.Throws<ArgumentException>(() => new Portfolio(0m, [p, p]));
    }
}
