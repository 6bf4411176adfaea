namespace Trading.Orchestrator.Reports;

/// <summary>
/// The seed's promotion gates over <see cref="PerformanceMetrics"/>. Counts must reach their minimum (≥); ratios must
/// beat theirs strictly, as the seed writes them ("win rate &gt; 50 %", "profit factor &gt; 1.0", "Sharpe &gt; 1.0",
/// "drawdown &lt; 10 %"). An undefined figure fails, except a profit factor with wins and no loss (infinite).
/// Drawdown keeps the sign it has everywhere (0018: a fall is negative), so "below 10 %" reads figure &gt; -10.
/// </summary>
public static class PromotionGates
{
    public static IReadOnlyList<GateResult> Evaluate(PerformanceMetrics metrics, GateThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(thresholds);
        var drawdown = metrics.MaxDrawdownPct;
        var deepest = -Math.Abs(thresholds.MaxDrawdownPct);
        var infiniteProfitFactor = metrics.ProfitFactor is null && metrics.WinningTrades > 0 && metrics.LosingTrades == 0;
        return
        [
            new("days", metrics.DaysCovered, ">=", thresholds.MinDays, metrics.DaysCovered >= thresholds.MinDays),
            new("trades", metrics.TotalTrades, ">=", thresholds.MinTrades, metrics.TotalTrades >= thresholds.MinTrades),
            new("win_rate", metrics.WinRate, ">", thresholds.MinWinRate, metrics.WinRate > thresholds.MinWinRate),
            new("profit_factor", metrics.ProfitFactor, ">", thresholds.MinProfitFactor, infiniteProfitFactor || metrics.ProfitFactor > thresholds.MinProfitFactor),
            new("sharpe", metrics.SharpeRatio, ">", thresholds.MinSharpe, metrics.SharpeRatio > thresholds.MinSharpe),
            new("max_drawdown_pct", drawdown, ">", deepest, drawdown > deepest),
        ];
    }
}
