using Trading.Engine.Primitives;

namespace Trading.Orchestrator.Execution;

/// <summary>
/// What this process did, for logs and the exit summary: decisions finished in all, and per period (until the next
/// <see cref="TakePeriod"/>) their statuses, the fills, and the latency from a decision's insert to its commit.
/// </summary>
public sealed class ExecutionCounters
{
    private readonly Lock gate = new();
    private long finished;
    private RunPeriod period = RunPeriod.Empty;

    public long Finished => Interlocked.Read(ref finished);

    /// <summary>Decisions finished outside a batch's results (one ended `failed` after its attempts).</summary>
    public void Add(int count)
    {
        Interlocked.Add(ref finished, count);
        lock (gate)
        {
            period = period with { Failed = period.Failed + count };
        }
    }

    /// <summary>A committed batch: its decisions by status, its fills, and each decision's latency.</summary>
    public void Record(BatchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Interlocked.Add(ref finished, outcome.Count);
        lock (gate)
        {
            var p = period;
            foreach (var status in outcome.Statuses)
            {
                p = status switch
                {
                    DecisionStatus.Executed or DecisionStatus.Placed => p with { Executed = p.Executed + 1 },
                    DecisionStatus.Rejected => p with { Rejected = p.Rejected + 1 },
                    DecisionStatus.Skipped => p with { Skipped = p.Skipped + 1 },
                    _ => p with { Failed = p.Failed + 1 },
                };
            }

            var latencies = outcome.LatenciesMs;
            period = p with
            {
                Fills = p.Fills + outcome.Fills,
                LatencyCount = p.LatencyCount + latencies.Count,
                LatencySumMs = p.LatencySumMs + latencies.Sum(),
                LatencyMaxMs = latencies.Count == 0 ? p.LatencyMaxMs : Math.Max(p.LatencyMaxMs, latencies.Max()),
            };
        }
    }

    /// <summary>The period since the last call, and a new one started.</summary>
    public RunPeriod TakePeriod()
    {
        lock (gate)
        {
            var taken = period;
            period = RunPeriod.Empty;
            return taken;
        }
    }
}
