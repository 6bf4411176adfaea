namespace Trading.Strategies.Comparisons;

/// <summary>Everything `trading compare` reports: both sides' figures, the assessment, the similarity and the reconciliation.</summary>
public sealed record StrategyComparison(
    SideMetrics Backtest,
    SideMetrics Paper,
    Assessment Assessment,
    AssessmentThresholds Thresholds,
    ReturnSimilarity Similarity,
    Reconciliation Reconciliation)
{
    public static StrategyComparison Of(ComparisonSide backtest, ComparisonSide paper, AssessmentThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var b = PerformanceMath.Of(backtest);
        var p = PerformanceMath.Of(paper);
        return new StrategyComparison(
            b, p, Assessor.Assess(b, p, thresholds.Validated()), thresholds, SimilarityMath.Of(backtest, paper, thresholds),
            Reconciler.Reconcile(backtest, paper));
    }
}
