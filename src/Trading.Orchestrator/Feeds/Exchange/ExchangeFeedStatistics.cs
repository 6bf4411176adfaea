namespace Trading.Orchestrator.Feeds.Exchange;

/// <summary>Counters of an exchange feed, readable while it runs.</summary>
public sealed class ExchangeFeedStatistics
{
    private long connections;
    private long gaps;
    private long malformedFrames;
    private long staleUpdates;
    private long snapshots;

    public long Connections => Interlocked.Read(ref connections);

    /// <summary>Silences longer than the timeout, each closed by a reconnect and a snapshot.</summary>
    public long Gaps => Interlocked.Read(ref gaps);

    public long MalformedFrames => Interlocked.Read(ref malformedFrames);

    /// <summary>Updates whose id was not above the symbol's last one (repeats or out of order): skipped.</summary>
    public long StaleUpdates => Interlocked.Read(ref staleUpdates);

    public long Snapshots => Interlocked.Read(ref snapshots);

    internal void Connected() => Interlocked.Increment(ref connections);

    internal void Gap() => Interlocked.Increment(ref gaps);

    internal void Malformed() => Interlocked.Increment(ref malformedFrames);

    internal void Stale() => Interlocked.Increment(ref staleUpdates);

    internal void Snapshot() => Interlocked.Increment(ref snapshots);
}
