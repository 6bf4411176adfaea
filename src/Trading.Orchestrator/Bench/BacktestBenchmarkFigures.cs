using Trading.Strategies.Backtesting;

namespace Trading.Orchestrator.Bench;

/// <summary>One length of the backtest benchmark: the time of each pass, what the backtest did, and memory.</summary>
public sealed record BacktestBenchmarkFigures(
    long Events,
    long Generated,
    TimeSpan Generation,
    TimeSpan BarsOnly,
    TimeSpan Full,
    BacktestSummary Summary,
    long AllocatedBytes,
    long PeakWorkingSetBytes,
    long HeapBytesAfter)
{
    public double EventsPerSecond => Events / Math.Max(Full.TotalSeconds, 1e-9);

    public double GenerationPerSecond => Events / Math.Max(Generation.TotalSeconds, 1e-9);

    public double BarsOnlyPerSecond => Events / Math.Max(BarsOnly.TotalSeconds, 1e-9);
}
