using Trading.Strategies.Comparisons;

namespace Trading.Strategies.Tests.Comparisons;

public class AssessorTests
{
    private static SideMetrics Figures(decimal winRate, decimal pf, decimal dd, decimal sharpe, long trades = 45) =>
        new(trades, 0, 0, winRate, pf, null, 0m, 0m, dd, 0m, sharpe, null, 0, 0m, null, null);

    [Fact]
    public void Assess_SeedExampleTable_Matches()
    {
        // Seed 004's own table: 62 % / 58 %, PF 1.8 / 1.5, DD 8 % / 11 %, Sharpe 1.6 / 1.2: "within acceptable range".
        // Differences −4 (≤ 10), −0.3 (≤ 1.8 × 0.25 = 0.45), −3 (≤ 5), −0.4 (≤ 0.5).
        var a = Assessor.Assess(Figures(62m, 1.8m, -8m, 1.6m), Figures(58m, 1.5m, -11m, 1.2m, trades: 12), new AssessmentThresholds());

        Assert.Equal(Verdict.Matches, a.Verdict);
        Assert.Equal("matches", a.VerdictName);
        Assert.Equal([-4m, -0.3m, -3m, -0.4m], a.Findings.Select(f => f.Difference!.Value));
        Assert.Equal(0.45m, a.Findings[1].Tolerance);
        Assert.Contains(a.Cautions, c => c.Contains("short sample", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_WinRateElevenPointsLower_SignificantlyWorseNamingIt()
    {
        var a = Assessor.Assess(Figures(62m, 1.8m, -8m, 1.6m), Figures(51m, 1.8m, -8m, 2.5m), new AssessmentThresholds());

        Assert.Equal(Verdict.SignificantlyWorse, a.Verdict);
        Assert.Equal("significantly worse", a.VerdictName);
        Assert.Contains("win_rate", a.Recommendation, StringComparison.Ordinal);
        Assert.DoesNotContain("sharpe", a.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_ShallowerDrawdownBeyondTolerance_SignificantlyBetter()
    {
        var a = Assessor.Assess(Figures(62m, 1.8m, -12m, 1.6m), Figures(62m, 1.8m, -6m, 1.6m), new AssessmentThresholds());

        Assert.Equal(Verdict.SignificantlyBetter, a.Verdict);
        Assert.Contains("short sample period", a.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_TighterThresholds_SameFiguresNoLongerMatch()
    {
        var a = Assessor.Assess(Figures(62m, 1.8m, -8m, 1.6m), Figures(58m, 1.8m, -8m, 1.6m), new AssessmentThresholds { WinRatePoints = 2m });

        Assert.Equal(Verdict.SignificantlyWorse, a.Verdict);
    }

    [Fact]
    public void Assess_FigureMissingOnOneSide_ListedNotJudged()
    {
        var paper = Figures(58m, 1.5m, -8m, 1.6m) with { ProfitFactor = null };

        var a = Assessor.Assess(Figures(62m, 1.8m, -8m, 1.6m), paper, new AssessmentThresholds());

        Assert.Null(a.Findings.Single(f => f.Metric == "profit_factor").Outcome);
        Assert.Equal(Verdict.Matches, a.Verdict);
    }

    [Fact]
    public void Validated_NegativeTolerance_RefusedByName()
    {
        var error = Assert.Throws<ArgumentException>(() => new AssessmentThresholds { DrawdownPoints = -1m }.Validated());

        Assert.Contains("drawdown_points", error.Message, StringComparison.Ordinal);
    }
}
