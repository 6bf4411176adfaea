using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>Two `trading migrate` processes started together on an empty database: one applies, the other waits and finds it done.</summary>
public sealed class MigrateProcessTests
{
    [Fact]
    public async Task Migrate_TwoProcessesAtOnce_EachFileAppliedOnceBothSucceed()
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync(migrated: false);

        var runs = await Task.WhenAll(
            TradingProcess.RunAsync(database.ConnectionString, "migrate", "--json"),
            TradingProcess.RunAsync(database.ConnectionString, "migrate", "--json"));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Output));
        Assert.Equal(1, runs.Count(r => r.Output.Contains("\"applied\":[\"0001_core_schema.sql\"", StringComparison.Ordinal)));
        Assert.Equal(1, runs.Count(r => r.Output.Contains("\"applied\":[]", StringComparison.Ordinal)));
        Assert.Equal((long)Trading.Data.Migrations.MigrationSource.Embedded.Count, await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }
}
