using Trading.Strategies.Comparisons;

namespace Trading.Strategies.Tests.Comparisons;

public class SimilarityMathTests
{
    [Fact]
    public void Correlation_ByHand()
    {
        // x 1 2 3 4, y 1 3 2 4: deviations ±1.5, ±0.5; Σxy = 2.25 − 0.25 − 0.25 + 2.25 = 4, Σxx = Σyy = 5: r = 0.8.
        Assert.Equal(0.8m, SimilarityMath.Correlation([1m, 2m, 3m, 4m], [1m, 3m, 2m, 4m]));
        Assert.Equal(-1m, SimilarityMath.Correlation([1m, 2m, 3m], [3m, 2m, 1m]));
        Assert.Null(SimilarityMath.Correlation([1m, 1m, 1m], [1m, 2m, 3m]));
    }

    [Fact]
    public void Dtw_TimingShiftForgiven_LevelGapAveraged()
    {
        // A repeated point is matched twice at no cost; 0,1 against 0,2 costs |1 − 2| over two matched pairs.
        Assert.Equal(0m, SimilarityMath.Dtw([0m, 1m, 2m], [0m, 0m, 1m, 2m]));
        Assert.Equal(0.5m, SimilarityMath.Dtw([0m, 1m], [0m, 2m]));
    }

    [Fact]
    public void Of_SameCurveOnBothSides_PerfectAndGood()
    {
        var curve = new[] { Sides.At(0, 20, 1010m), Sides.At(1, 20, 990m), Sides.At(2, 20, 1030m), Sides.At(3, 20, 1000m) };

        var s = SimilarityMath.Of(Sides.Side("backtest", [], curve), Sides.Side("paper", [], curve), new AssessmentThresholds());

        Assert.Equal((1m, 4, 0m), (s.Correlation, s.CommonDays, s.DtwDistance));
        Assert.Equal((true, true), (s.CorrelationGood, s.DtwGood));
    }

    [Fact]
    public void Of_PaperTwoPointsBelowThroughout_DtwTwoPercent()
    {
        // Cumulative returns 0.01, 0.03 against −0.01, 0.01 at the same two instants: gap 0.02 everywhere.
        var backtest = Sides.Side("backtest", [], [Sides.At(0, 0, 1010m), Sides.At(1, 0, 1030m)]);
        var paper = Sides.Side("paper", [], [Sides.At(0, 0, 990m), Sides.At(1, 0, 1010m)]);

        var s = SimilarityMath.Of(backtest, paper, new AssessmentThresholds());

        Assert.Equal(0.02m, s.DtwDistance);
        Assert.False(s.DtwGood);
        Assert.Null(s.Correlation);
    }

    [Fact]
    public void Of_PeriodsDoNotOverlap_NoDistance()
    {
        var s = SimilarityMath.Of(Sides.Side("backtest", [], [Sides.At(0, 0, 1000m)]), Sides.Side("paper", [], [Sides.At(5, 0, 1000m)]), new AssessmentThresholds());

        Assert.Null(s.DtwDistance);
    }
}
