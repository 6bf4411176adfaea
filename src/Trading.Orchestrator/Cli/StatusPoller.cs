namespace Trading.Orchestrator.Cli;

/// <summary>
/// Polls one row until the orchestrator gives it a terminal status or the timeout elapses. Polling (every 50 ms, one
/// indexed row) is enough here: the orchestrator sends no completion notification, and the wait is bounded.
/// </summary>
public static class StatusPoller
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>The first terminal reading, or the last one when the timeout elapsed first.</summary>
    public static async Task<T> PollAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, bool> isTerminal, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(isTerminal);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var reading = await read(cancellationToken);
            if (isTerminal(reading) || DateTimeOffset.UtcNow >= deadline)
            {
                return reading;
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }
}
