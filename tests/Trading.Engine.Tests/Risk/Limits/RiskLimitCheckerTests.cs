using System.Globalization;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using Trading.Engine.Risk.Limits;

namespace Trading.Engine.Tests.Risk.Limits;

public class RiskLimitCheckerTests
{
    private const string Btc = "BTCUSDT";
    private const string Eth = "ETHUSDT";

    [Theory]
    [InlineData("19.999", true)]
    [InlineData("20", true)]
    [InlineData("20.001", false)]
    public void Check_MaxPositionFraction_BlocksJustOverBoundary(string quantity, bool allowed)
    {
        // 0.2 × equity 10,000 allows a 2,000.00 BTC position: 20 at 100
        var verdict = Check(new RiskLimit(RiskLimitKind.MaxPositionFraction, 0.2m), Ctx(), Buy(Btc, quantity));

        AssertVerdict(verdict, allowed, "max_position_fraction");
    }

    [Theory]
    [InlineData("29.999", true)]
    [InlineData("30", true)]
    [InlineData("30.001", false)]
    public void Check_MaxGrossExposure_BlocksJustOverBoundary(string quantity, bool allowed)
    {
        // 0.5 × 10,000 = 5,000 allowed; ETH holds 2,000, so BTC may add 3,000: 30 at 100
        var verdict = Check(new RiskLimit(RiskLimitKind.MaxGrossExposure, 0.5m), Ctx(), Buy(Btc, quantity));

        AssertVerdict(verdict, allowed, "max_gross_exposure");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void Check_MaxOpenPositions_BlocksJustOverBoundary(int openBefore, bool allowed)
    {
        var positions = new[] { Eth, "SOLUSDT" }.Take(openBefore).Select(s => Long(s, 1m, 100m)).ToList();

        var verdict = Check(new RiskLimit(RiskLimitKind.MaxOpenPositions, 2m), Ctx(positions), Buy(Btc, "1"));

        AssertVerdict(verdict, allowed, "max_open_positions");
    }

    [Theory]
    [InlineData("9.999", true)]
    [InlineData("10", true)]
    [InlineData("10.001", false)]
    public void Check_MaxOrderNotional_BlocksJustOverBoundary(string quantity, bool allowed)
    {
        var verdict = Check(new RiskLimit(RiskLimitKind.MaxOrderNotional, 1000m), Ctx(), Buy(Btc, quantity));

        AssertVerdict(verdict, allowed, "max_order_notional");
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Check_MaxTradesPerDay_BlocksJustOverBoundary(int tradesToday, bool allowed)
    {
        var verdict = Check(new RiskLimit(RiskLimitKind.MaxTradesPerDay, 5m), Ctx() with { TradesToday = tradesToday }, Buy(Btc, "1"));

        AssertVerdict(verdict, allowed, "max_trades_per_day");
    }

    [Theory]
    [InlineData("9500.01", true)]
    [InlineData("9500", true)]
    [InlineData("9499.99", false)]
    public void Check_MaxDailyLoss_BlocksJustOverBoundaryAndHalts(string equity, bool allowed)
    {
        var verdict = Check(new RiskLimit(RiskLimitKind.MaxDailyLoss, 0.05m), Ctx() with { Equity = D(equity) }, Buy(Btc, "1"));

        AssertVerdict(verdict, allowed, "max_daily_loss");
        Assert.Equal(!allowed, verdict.HaltAccount);
    }

    [Theory]
    [InlineData("10800.01", true)]
    [InlineData("10800", true)]
    [InlineData("10799.99", false)]
    public void Check_MaxDrawdown_BlocksJustOverBoundaryAndHalts(string equity, bool allowed)
    {
        var verdict = Check(new RiskLimit(RiskLimitKind.MaxDrawdown, 0.1m), Ctx() with { Equity = D(equity), PeakEquity = 12_000m }, Buy(Btc, "1"));

        AssertVerdict(verdict, allowed, "max_drawdown");
        Assert.Equal(!allowed, verdict.HaltAccount);
    }

    [Fact]
    public void Check_OrderNotionalBreach_ReasonCarriesLimitAndFigures()
    {
        var verdict = Check(new RiskLimit(RiskLimitKind.MaxOrderNotional, 1000m), Ctx(), Buy(Btc, "10.001"));

        Assert.Equal("risk limit max_order_notional: order notional 1000.10 exceeds 1000.00", verdict.Reason);
        Assert.False(verdict.HaltAccount);
    }

    [Fact]
    public void Check_DailyLossBreach_ReasonCarriesFigures()
    {
        var verdict = Check(new RiskLimit(RiskLimitKind.MaxDailyLoss, 0.05m), Ctx() with { Equity = 9_400m }, Buy(Btc, "1"));

        Assert.Equal("risk limit max_daily_loss: daily loss 600.00 exceeds 5 % of day-start equity 10000.00 (allows 500.00)", verdict.Reason);
    }

    [Fact]
    public void Check_OrderOnlyReducesPosition_ExemptFromExposureLimits()
    {
        var verdict = Check(new RiskLimit(RiskLimitKind.MaxOrderNotional, 1m), Ctx(), new RiskOrder(Eth, OrderSide.Sell, 0.5m, 2_000m));

        Assert.True(verdict.Allowed);
    }

    [Fact]
    public void Check_SellFlipsLongToShort_NotExempt()
    {
        var verdict = Check(new RiskLimit(RiskLimitKind.MaxOrderNotional, 1000m), Ctx(), new RiskOrder(Eth, OrderSide.Sell, 2m, 2_000m));

        Assert.False(verdict.Allowed);
    }

    [Fact]
    public void Check_LossLimitBreached_RejectsEvenAReducingOrder()
    {
        var verdict = Check(new RiskLimit(RiskLimitKind.MaxDailyLoss, 0.05m), Ctx() with { Equity = 9_000m }, new RiskOrder(Eth, OrderSide.Sell, 1m, 2_000m));

        Assert.False(verdict.Allowed);
        Assert.True(verdict.HaltAccount);
    }

    [Fact]
    public void Check_SymbolScopedLimit_OnlyChecksThatSymbol()
    {
        var limit = new RiskLimit(RiskLimitKind.MaxOrderNotional, 100m, symbol: Eth);

        Assert.True(Check(limit, Ctx(), Buy(Btc, "10")).Allowed);
        var eth = RiskLimitChecker.Check([limit], Ctx(), new RiskOrder(Eth, OrderSide.Buy, 1m, 2_000m));
        Assert.Equal("max_order_notional[symbol=ETHUSDT]", eth.LimitName);
    }

    [Fact]
    public void Check_AgentScopedTradeLimit_UsesAgentCount()
    {
        var limit = new RiskLimit(RiskLimitKind.MaxTradesPerDay, 2m, agentId: "alpha");
        var ctx = Ctx() with { TradesToday = 50, AgentTradesToday = 1 };

        Assert.True(RiskLimitChecker.Check([limit], ctx, new RiskOrder(Btc, OrderSide.Buy, 1m, 100m, "alpha")).Allowed);
        Assert.False(RiskLimitChecker.Check([limit], ctx with { AgentTradesToday = 2 }, new RiskOrder(Btc, OrderSide.Buy, 1m, 100m, "alpha")).Allowed);
        Assert.True(RiskLimitChecker.Check([limit], ctx with { AgentTradesToday = 2 }, new RiskOrder(Btc, OrderSide.Buy, 1m, 100m, "beta")).Allowed);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("Alice")]
    [InlineData("alice ")]
    [InlineData("al\u200bice")]
    [InlineData(null)]
    public void Check_LoginScopedLimit_BindsTheLoginWhateverTheAgentLabel(string? label)
    {
        var limit = new RiskLimit(RiskLimitKind.MaxOrderNotional, 50m, login: "alice");

        var verdict = RiskLimitChecker.Check([limit], Ctx(), new RiskOrder(Btc, OrderSide.Buy, 1m, 100m, label, Login: "alice"));

        AssertVerdict(verdict, false, "max_order_notional[login=alice]");
        Assert.True(RiskLimitChecker.Check([limit], Ctx(), new RiskOrder(Btc, OrderSide.Buy, 1m, 100m, "alice", Login: "bob")).Allowed);
    }

    [Fact]
    public void Check_LoginScopedTradeLimit_UsesLoginCount()
    {
        var limit = new RiskLimit(RiskLimitKind.MaxTradesPerDay, 2m, login: "alice");
        var ctx = Ctx() with { TradesToday = 50, AgentTradesToday = 50, LoginTradesToday = 1 };

        Assert.True(RiskLimitChecker.Check([limit], ctx, new RiskOrder(Btc, OrderSide.Buy, 1m, 100m, "x", "alice")).Allowed);
        Assert.False(RiskLimitChecker.Check([limit], ctx with { LoginTradesToday = 2 }, new RiskOrder(Btc, OrderSide.Buy, 1m, 100m, "y", "alice")).Allowed);
    }

    [Fact]
    public void RiskLimit_LoginScopedLossLimit_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RiskLimit(RiskLimitKind.MaxDrawdown, 0.05m, login: "alice"));
    }

    [Fact]
    public void Check_LossLimitsCheckedBeforeOthers_LossLimitNamed()
    {
        var limits = new[] { new RiskLimit(RiskLimitKind.MaxOrderNotional, 1m), new RiskLimit(RiskLimitKind.MaxDrawdown, 0.01m) };

        var verdict = RiskLimitChecker.Check(limits, Ctx() with { Equity = 9_000m }, Buy(Btc, "1"));

        Assert.Equal("max_drawdown", verdict.LimitName);
    }

    [Fact]
    public void RiskLimit_ScopedLossLimit_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RiskLimit(RiskLimitKind.MaxDailyLoss, 0.05m, agentId: "alpha"));
    }

    private static RiskVerdict Check(RiskLimit limit, RiskContext ctx, RiskOrder order) => RiskLimitChecker.Check([limit], ctx, order);

    private static void AssertVerdict(RiskVerdict verdict, bool allowed, string limitName)
    {
        Assert.Equal(allowed, verdict.Allowed);
        Assert.Equal(allowed ? null : limitName, verdict.LimitName);
    }

    private static RiskOrder Buy(string symbol, string quantity) => new(symbol, OrderSide.Buy, D(quantity), 100m);

    private static RiskContext Ctx(IReadOnlyList<Position>? positions = null)
    {
        var held = positions ?? [Long(Eth, 1m, 2_000m)];
        return new RiskContext(10_000m, held, held.ToDictionary(p => p.Symbol, p => p.AverageEntryPrice), 0, 10_000m, 10_000m);
    }

    private static Position Long(string symbol, decimal quantity, decimal price) =>
        new(symbol, PositionSide.Long, quantity, quantity * price, 0m, TestData.T0);

    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}
