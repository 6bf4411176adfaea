using Trading.Strategies.Comparisons;

namespace Trading.Strategies.Tests.Comparisons;

public class PerformanceMathTests
{
    [Fact]
    public void Of_FourTradesThreeDays_SeedFiguresByHand()
    {
        // Nets +30, −10, +20, −20 (fees 1 each): 2 of 4 win = 50 %, PF = 50 / 30 = 1.6667, expectancy 20 / 4 = 5.
        // Equity from 1000: day 1 peaks 1020 and closes 1010, day 2 closes 1000, day 3 closes 1030.
        // Daily returns (v_paper_daily_pnl's rounding, 4 places of a percent): +1 %, −0.9901 %, +3 %.
        // mean 0.010033; sample variance 0.000398023267, sd 0.0199505205; Sharpe = mean / sd × √365 = 9.6078.
        // downside = √((0.009901²) / 3) = 0.0057163450; Sortino = mean / downside × √365 = 33.5320.
        // Drawdown: peak 1020 → 1000 = −20, −1.9608 %.
        var side = Sides.Side("paper",
            [Sides.Trade("a", 30m, 1m), Sides.Trade("b", -10m, 1m), Sides.Trade("c", 20m, 1m), Sides.Trade("d", -20m, 1m)],
            [Sides.At(0, 1, 1000m), Sides.At(0, 5, 1020m), Sides.At(0, 20, 1010m), Sides.At(1, 20, 1000m), Sides.At(2, 20, 1030m)]);

        var m = PerformanceMath.Of(side);

        Assert.Equal((4L, 2L, 2L), (m.Trades, m.WinningTrades, m.LosingTrades));
        Assert.Equal(50.00m, m.WinRate);
        Assert.Equal(1.6667m, m.ProfitFactor);
        Assert.Equal(5m, m.Expectancy);
        Assert.Equal((20m, 4m), (m.TotalPnl, m.TotalFees));
        Assert.Equal((-1.9608m, -20m), (m.MaxDrawdownPct, m.MaxDrawdown));
        Assert.Equal(9.6078m, m.SharpeRatio);
        Assert.Equal(33.5320m, m.SortinoRatio);
        Assert.Equal(3L, m.Days);
        Assert.Equal(3.0000m, m.ReturnPct);
    }

    [Fact]
    public void Of_NoTradesNoCurve_FiguresUndefinedNotZero()
    {
        var m = PerformanceMath.Of(Sides.Side("paper", []));

        Assert.Equal((0L, null, null, null), (m.Trades, m.WinRate, m.ProfitFactor, m.Expectancy));
        Assert.Equal((null, null, null), (m.SharpeRatio, m.SortinoRatio, m.AverageSlippageBps));
        Assert.Equal(0m, m.MaxDrawdownPct);
    }

    [Fact]
    public void Of_OnlyWinners_NoProfitFactor()
    {
        var m = PerformanceMath.Of(Sides.Side("paper", [Sides.Trade("a", 5m), Sides.Trade("b", 7m)]));

        Assert.Equal(100.00m, m.WinRate);
        Assert.Null(m.ProfitFactor);
    }

    [Fact]
    public void Of_Fills_AverageSlippageInBasisPointsOfNotional()
    {
        // Buy at 100.15 against an ask of 100.10: 0.05 slippage on 100.15 notional; sell 2 at 99.80 against a bid of 99.90:
        // 0.20 on 199.60. (0.05 + 0.20) / 299.75 × 10000 = 8.3403 bp.
        var entry = Sides.Fill(99.9m, 100.1m, 100.15m, 100m);
        var exit = Sides.Fill(99.9m, 100.1m, 99.80m, 100m, quantity: 2m, buy: false);
        var side = Sides.Side("paper", [Sides.Trade("a", 1m, entryFill: entry, exitFill: exit)]);

        var m = PerformanceMath.Of(side);

        Assert.Equal(0.25m, m.SlippageCost);
        Assert.Equal(8.3403m, m.AverageSlippageBps);
    }

    [Fact]
    public void DailyReturn_SeveralPointsADay_LastOfEachDayAgainstThePreviousDay()
    {
        var returns = DailyReturn.Of(1000m, [Sides.At(0, 1, 900m), Sides.At(0, 23, 1100m), Sides.At(1, 2, 990m)]);

        Assert.Equal([0.1m, -0.1m], returns.Select(r => r.Return));
    }

    [Fact]
    public void Sqrt_Decimal_ExactForSquaresAndPreciseOtherwise()
    {
        Assert.Equal(12m, DecimalMath.Sqrt(144m));
        Assert.Equal(1.4142135623730950488016887242m, DecimalMath.Sqrt(2m));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecimalMath.Sqrt(-1m));
    }

    [Fact]
    public void WithClosedTradeEquity_TwoTrades_CapitalAtFirstEntryThenRunningNetAtEachExitQuote()
    {
        // Entries at day 0 and day 1 (quote times), exits at their quotes 4 h later: 1000 → 1030 → 1020.
        var first = Sides.Trade("a", 30m) with { Entry = Sides.Fill(99m, 101m, 101m, 100m), Exit = Sides.Fill(99m, 101m, 99m, 100m, buy: false) with { QuoteTime = Sides.Day1.AddHours(4) } };
        var second = Sides.Trade("b", -10m, day: 1) with
        {
            Entry = Sides.Fill(99m, 101m, 101m, 100m) with { QuoteTime = Sides.Day1.AddDays(1) },
            Exit = Sides.Fill(99m, 101m, 99m, 100m, buy: false) with { QuoteTime = Sides.Day1.AddDays(1).AddHours(4) },
        };

        var curve = Sides.Side("paper", [second, first]).WithClosedTradeEquity().Equity;

        Assert.Equal([Sides.At(0, 0, 1000m), Sides.At(0, 4, 1030m), Sides.At(1, 4, 1020m)], curve);
    }
}
