namespace Trading.Orchestrator.Execution;

/// <summary>Wakes every waiting worker at once (a notification, a poll tick); a wake with nobody waiting is kept.</summary>
public sealed class WorkSignal
{
    private TaskCompletionSource pending = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => pending.TrySetResult();

    /// <summary>Waits until <see cref="Set"/> or the timeout; true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref pending);
        try
        {
            await current.Task.WaitAsync(timeout, cancellationToken);
            Interlocked.CompareExchange(ref pending, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
