namespace Trading.Orchestrator.Feeds.Benchmarks;

/// <summary>One measured figure of a benchmark.</summary>
public sealed record BenchmarkLine(string Name, long Rows, long Written, TimeSpan Elapsed)
{
    public decimal RowsPerSecond => Elapsed > TimeSpan.Zero ? Math.Round(Rows * (decimal)TimeSpan.TicksPerSecond / Elapsed.Ticks, 0) : 0m;
}
