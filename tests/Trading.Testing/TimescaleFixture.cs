using Xunit;

namespace Trading.Testing;

/// <summary>
/// xunit class fixture: a migrated database on the run's TimescaleDB server (market data, trades and snapshots as
/// hypertables), or, where TimescaleDB is not installed, none; tests call <see cref="RequireDatabase"/>, which skips them
/// with the reason (like the Citus tests).
/// </summary>
public sealed class TimescaleFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public async Task InitializeAsync()
    {
        if (await TestCluster.GetTimescaleAsync() is { } cluster)
        {
            database = await cluster.CreateDatabaseAsync();
        }
    }

    /// <summary>The class's database; skips the calling test when TimescaleDB is not installed.</summary>
    public TestDatabase RequireDatabase()
    {
        Skip.If(TestCluster.TimescaleSkipReason is not null, TestCluster.TimescaleSkipReason);
        return database ?? throw new InvalidOperationException("The TimescaleDB fixture is not initialised.");
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
