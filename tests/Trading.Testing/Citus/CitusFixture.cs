using Npgsql;
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
            // Until epochs become a column (issue 16, another branch): the statement trigger that refuses decisions for
            // archives reads a transition table, which Citus cannot give it, and would fail every decision INSERT.
            await using var connection = await database.DataSource.OpenConnectionAsync();
            foreach (var sql in (string[])["SET citus.enable_unsafe_triggers = on",
                                           "ALTER TABLE trading_decisions DISABLE TRIGGER trading_decisions_refuse_archives",
                                           "RESET citus.enable_unsafe_triggers"])
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
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
