namespace Trading.Testing;

/// <summary>
/// A migrated database on the run's TimescaleDB server (market data, trades and snapshots as hypertables), where
/// TimescaleDB is installed.
/// </summary>
public sealed class TimescaleFixture : ExtensionFixture
{
    protected override string? SkipReason => TestCluster.TimescaleSkipReason;

    protected override async Task<TestDatabase?> CreateDatabaseAsync() =>
        await TestCluster.GetTimescaleAsync() is { } cluster ? await cluster.CreateDatabaseAsync() : null;
}
