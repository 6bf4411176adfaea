namespace Trading.Strategies.Comparisons;

/// <summary>Seed 004's three outcomes of comparing paper results with the backtest.</summary>
public enum Verdict
{
    /// <summary>"Results match backtest": every figure within its tolerance.</summary>
    Matches,

    /// <summary>"Results significantly worse": at least one figure worse than the backtest's beyond its tolerance.</summary>
    SignificantlyWorse,

    /// <summary>"Results significantly better": none worse, at least one better beyond its tolerance.</summary>
    SignificantlyBetter,
}
