using Quartz;
using Trading.Orchestrator.Execution;

namespace Trading.Orchestrator.Jobs;

/// <summary>The interval poll: wakes the workers in case a notification was lost. Correctness never depends on it.</summary>
[DisallowConcurrentExecution]
public sealed class PollJob(WorkSignal signal) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        signal.Set();
        return ValueTask.CompletedTask;
    }
}
