namespace Trading.Orchestrator.Feeds.Benchmarks;

/// <summary>Figures of <see cref="LatestBenchmark"/>: timings sorted ascending.</summary>
public sealed record LatestFigures(long Stored, int Instruments, int RowsReturned, TimeSpan FillTime, IReadOnlyList<TimeSpan> Timings, string Plan)
{
    public TimeSpan Median => Timings[Timings.Count / 2];

    public TimeSpan P95 => Timings[Math.Min(Timings.Count - 1, Timings.Count * 95 / 100)];

    public TimeSpan Max => Timings[^1];

    public TimeSpan Min => Timings[0];
}
