namespace Trading.Strategies.Comparisons;

/// <summary>
/// Seed 004's STOP step 2: paper against backtest on win rate, profit factor, max drawdown and Sharpe, each held to its
/// tolerance (<see cref="AssessmentThresholds"/>). Any figure worse beyond it: significantly worse; else any better
/// beyond it: significantly better; else the results match. Figures missing on either side are listed, not judged.
/// </summary>
public static class Assessor
{
    public static Assessment Assess(SideMetrics backtest, SideMetrics paper, AssessmentThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(backtest);
        ArgumentNullException.ThrowIfNull(paper);
        ArgumentNullException.ThrowIfNull(thresholds);
        var findings = new List<MetricFinding>
        {
            Judge("win_rate", backtest.WinRate, paper.WinRate, thresholds.WinRatePoints),
            Judge("profit_factor", backtest.ProfitFactor, paper.ProfitFactor,
                backtest.ProfitFactor is { } pf ? Math.Round(pf * thresholds.ProfitFactorRatio, 4, MidpointRounding.AwayFromZero) : 0m),
            // A drawdown is ≤ 0: a higher (shallower) one is the better.
            Judge("max_drawdown_pct", backtest.MaxDrawdownPct, paper.MaxDrawdownPct, thresholds.DrawdownPoints),
            Judge("sharpe_ratio", backtest.SharpeRatio, paper.SharpeRatio, thresholds.SharpeDifference),
        };

        var verdict = findings.Any(f => f.Outcome == Verdict.SignificantlyWorse) ? Verdict.SignificantlyWorse
            : findings.Any(f => f.Outcome == Verdict.SignificantlyBetter) ? Verdict.SignificantlyBetter
            : Verdict.Matches;

        var cautions = new List<string>();
        if (paper.Trades < thresholds.MinimumTrades)
        {
            cautions.Add($"short sample: {paper.Trades} paper trades (fewer than {thresholds.MinimumTrades}); keep paper trading before trusting the figures");
        }

        if (findings.All(f => f.Outcome is null))
        {
            cautions.Add("no figure could be compared (each needs trades, losses or two days of equity on both sides)");
        }

        return new Assessment(verdict, Recommendation(verdict, findings), findings, cautions);
    }

    private static MetricFinding Judge(string metric, decimal? backtest, decimal? paper, decimal tolerance)
    {
        if (backtest is not { } b || paper is not { } p)
        {
            return new MetricFinding(metric, backtest, paper, null, tolerance, null);
        }

        var difference = p - b;
        var outcome = difference < -tolerance ? Verdict.SignificantlyWorse
            : difference > tolerance ? Verdict.SignificantlyBetter
            : Verdict.Matches;
        return new MetricFinding(metric, b, p, difference, tolerance, outcome);
    }

    private static string Recommendation(Verdict verdict, IReadOnlyList<MetricFinding> findings)
    {
        var drivers = string.Join(", ", findings.Where(f => f.Outcome == verdict).Select(f => f.Metric));
        return verdict switch
        {
            Verdict.Matches => "Results match the backtest: strategy validated. Consider going live with a small position.",
            Verdict.SignificantlyWorse =>
                $"Paper diverges from the backtest ({drivers} significantly worse). Possible causes: market regime change, execution " +
                "differences (see the bridge). Consider adjusting parameters.",
            _ => $"Paper is significantly better than the backtest ({drivers}). Caution: short sample period. Continue paper " +
                 "trading or go live with conservative sizing.",
        };
    }
}
