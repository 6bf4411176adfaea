using Trading.Orchestrator.Execution;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// The workers' wake-up: one waiting loop per announcement (the others' claims would find nothing), a wake with nobody
/// waiting kept for the next waiter, and a count of announcements a busy loop compares to see whether it missed one.
/// </summary>
public sealed class WorkSignalTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Set_NobodyWaiting_IsKeptForOneWaiterOnly()
    {
        var signal = new WorkSignal();
        signal.Set();
        signal.Set();

        Assert.True(await signal.WaitAsync(Long, CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task Set_TwoWaiting_WakesOneAtATime()
    {
        var signal = new WorkSignal();
        using var stop = new CancellationTokenSource();
        var first = signal.WaitAsync(Long, stop.Token);
        var second = signal.WaitAsync(Long, stop.Token);

        signal.Set();
        var woken = await Task.WhenAny(first, second);
        Assert.True(await woken);
        var other = woken == first ? second : first;
        Assert.False(other.IsCompleted);

        signal.Set();
        Assert.True(await other);
    }

    [Fact]
    public async Task Version_CountsEverySet()
    {
        var signal = new WorkSignal();
        var before = signal.Version;

        signal.Set();
        signal.Set();

        Assert.Equal(before + 2, signal.Version);
        Assert.True(await signal.WaitAsync(Long, CancellationToken.None));
    }

    [Fact]
    public async Task WaitAsync_Canceled_ThrowsAndLeavesTheNextWakeToOthers()
    {
        var signal = new WorkSignal();
        using var stop = new CancellationTokenSource();
        var canceled = signal.WaitAsync(Long, stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);

        var waiting = signal.WaitAsync(Long, CancellationToken.None);
        signal.Set();
        Assert.True(await waiting);
    }
}
