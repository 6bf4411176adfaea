namespace Trading.Orchestrator.Execution;

/// <summary>Decisions finished in a period by status, fills, and insert-to-commit latency (milliseconds).</summary>
public sealed record RunPeriod(long Executed, long Skipped, long Rejected, long Failed, long Fills, long LatencyCount, double LatencySumMs, double LatencyMaxMs)
{
    public static readonly RunPeriod Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    public long Decisions => Executed + Skipped + Rejected + Failed;

    public double? LatencyMeanMs => LatencyCount == 0 ? null : LatencySumMs / LatencyCount;
}
