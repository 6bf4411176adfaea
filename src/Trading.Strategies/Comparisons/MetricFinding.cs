namespace Trading.Strategies.Comparisons;

/// <summary>
/// One figure judged: backtest and paper values, paper − backtest, the tolerance it was held to, and the outcome
/// (null when either side has no value, e.g. no losing trade so no profit factor).
/// </summary>
public sealed record MetricFinding(string Metric, decimal? Backtest, decimal? Paper, decimal? Difference, decimal Tolerance, Verdict? Outcome);
