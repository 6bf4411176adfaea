namespace Trading.Orchestrator.Execution;

/// <summary>Decisions finished by this process, for logs and the exit summary.</summary>
public sealed class ExecutionCounters
{
    private long finished;

    public long Finished => Interlocked.Read(ref finished);

    public void Add(int count) => Interlocked.Add(ref finished, count);
}
