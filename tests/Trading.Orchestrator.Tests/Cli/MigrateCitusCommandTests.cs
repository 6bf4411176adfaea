using Trading.Orchestrator.Cli;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;
using Trading.Testing.Citus;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>`trading migrate --citus`: refused on plain PostgreSQL with the reason; on the run's Citus cluster it distributes.</summary>
public sealed class MigrateCitusCommandTests
{
    [Fact]
    public async Task MigrateCitus_PlainPostgres_RefusedWithTheReasonAndMigrationsStillApplied()
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync(migrated: false);

        var (exitCode, output) = await TradingProcess.RunAsync(database.ConnectionString, "migrate", "--citus");

        Assert.Equal(ExitCodes.MigrationRefused, exitCode);
        Assert.Contains("migrate --citus: The citus extension is not installed in this database", output, StringComparison.Ordinal);
        Assert.Equal((long)Trading.Data.Migrations.MigrationSource.Embedded.Count, await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [SkippableFact]
    public async Task MigrateCitus_ThreeNodeCluster_DistributesThenFindsItDone()
    {
        var cluster = await CitusCluster.GetAsync();
        Skip.If(cluster is null, CitusCluster.SkipReason);
        await using var database = await cluster.CreateDatabaseAsync(distribute: false);

        var first = await TradingProcess.RunAsync(database.ConnectionString, "migrate", "--citus");
        var second = await TradingProcess.RunAsync(database.ConnectionString, "migrate", "--citus");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("citus: distributed over 2 node(s):", first.Output, StringComparison.Ordinal);
        Assert.Contains("citus: already distributed (2 node(s) hold shards).", second.Output, StringComparison.Ordinal);
    }
}
