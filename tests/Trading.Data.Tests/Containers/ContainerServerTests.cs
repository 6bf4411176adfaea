using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Trading.Data.Citus;
using Trading.Data.Migrations;
using Trading.Testing.Containers;

namespace Trading.Data.Tests.Containers;

/// <summary>The schema on the pinned TimescaleDB and Citus images, where a Docker engine is reachable; skipped with the reason otherwise.</summary>
public sealed class ContainerServerTests
{
    [SkippableFact]
    public async Task Migrate_OnTimescaleImage_MakesTimeSeriesTablesHypertables()
    {
        await using var server = await ContainerServer.StartOrSkipAsync(ContainerServer.TimescaleImage);
        await using var dataSource = server.CreateDataSource();

        await new Migrator(dataSource, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);

        Assert.Equal(["market_prices", "paper_portfolio_snapshots", "paper_trades"], await ListAsync(dataSource,
            "SELECT hypertable_name::text FROM timescaledb_information.hypertables WHERE hypertable_schema = 'public' ORDER BY 1"));
    }

    [SkippableFact]
    public async Task MigrateCitus_OnCitusImage_DistributesAccountsOnTheOneNode()
    {
        await using var server = await ContainerServer.StartOrSkipAsync(ContainerServer.CitusImage);
        await using var dataSource = server.CreateDataSource();
        await using (var command = dataSource.CreateCommand(
            "SELECT citus_set_coordinator_host('localhost', 5432); SELECT citus_set_node_property('localhost', 5432, 'shouldhaveshards', true)"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await new Migrator(dataSource, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        var result = await new CitusDistributor(dataSource, NullLogger<CitusDistributor>.Instance).DistributeAsync(CancellationToken.None);

        Assert.Equal(1, result.ShardNodes);
        Assert.Contains(CitusPlan.AccountAnchor, await ListAsync(dataSource, "SELECT logicalrelid::regclass::text FROM pg_dist_partition WHERE partmethod = 'h'"));
    }

    private static async Task<List<string>> ListAsync(NpgsqlDataSource dataSource, string sql)
    {
        var rows = new List<string>();
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
