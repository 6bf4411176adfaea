using Trading.Data.Comparisons;
using Trading.Strategies.Comparisons;

namespace Trading.Orchestrator.Comparisons;

/// <summary>
/// A session compared with a backtest: the session, the run (null id: run for this comparison and not stored), both
/// sides as compared (their equity curves on one clock, <see cref="Clock"/>), and the comparison.
/// </summary>
public sealed record ComparisonReport(
    PaperSession Session,
    long? BacktestRunId,
    string Clock,
    ComparisonSide Backtest,
    ComparisonSide Paper,
    StrategyComparison Result,
    IReadOnlyList<string> Warnings);
