namespace Trading.Orchestrator.Execution;

/// <summary>
/// Wakes one waiting worker per <see cref="Set"/> (a notification, a poll tick); a wake with nobody waiting is kept for
/// the next waiter (one, however many came). One wake per notification, not every worker: at low load the others'
/// claims would find nothing. A worker that finds more work than one batch takes wakes the next itself.
/// <see cref="Version"/> counts the wakes, so a busy worker can tell whether work was announced while it was busy.
/// </summary>
public sealed class WorkSignal
{
    private readonly Lock gate = new();
    private readonly LinkedList<TaskCompletionSource> waiters = new();
    private bool kept;
    private long version;

    /// <summary>How many times <see cref="Set"/> was called: read before a claim, compared after it.</summary>
    public long Version => Interlocked.Read(ref version);

    public void Set()
    {
        Interlocked.Increment(ref version);
        Wake();
    }

    /// <summary>Waits until <see cref="Set"/> or the timeout; true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource> node;
        lock (gate)
        {
            if (kept)
            {
                kept = false;
                return true;
            }

            node = waiters.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        try
        {
            await node.Value.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return !Leave(node); // a wake that chose this waiter as it timed out is taken, not lost
        }
        catch (OperationCanceledException)
        {
            if (!Leave(node))
            {
                Wake(); // chosen while being canceled: the wake goes to another waiter
            }

            throw;
        }
    }

    private void Wake()
    {
        TaskCompletionSource waiter;
        lock (gate)
        {
            if (waiters.First is not { } first)
            {
                kept = true;
                return;
            }

            waiters.RemoveFirst();
            waiter = first.Value;
        }

        waiter.TrySetResult();
    }

    /// <summary>Removes a waiter that stops waiting; false when a wake already chose it.</summary>
    private bool Leave(LinkedListNode<TaskCompletionSource> node)
    {
        lock (gate)
        {
            if (node.List is null)
            {
                return false;
            }

            waiters.Remove(node);
            return true;
        }
    }
}
