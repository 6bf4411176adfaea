using Xunit;

namespace Trading.Testing.Citus;

/// <summary>
/// xunit class fixture: a migrated and distributed database on the run's Citus cluster, or, where Citus is not
/// installed, none; tests call <see cref="RequireDatabase"/>, which skips them with the reason (like the TimescaleDB tests).
/// </summary>
public sealed class CitusFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public async Task InitializeAsync()
    {
        if (await CitusCluster.GetAsync() is { } cluster)
        {
            database = await cluster.CreateDatabaseAsync();
        }
    }

    /// <summary>The class's database; skips the calling test when Citus is not installed.</summary>
    public TestDatabase RequireDatabase()
    {
        Skip.If(CitusCluster.SkipReason is not null, CitusCluster.SkipReason);
        return database ?? throw new InvalidOperationException("The Citus fixture is not initialised.");
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
