using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// Two `trading migrate` processes started together on an empty database take turns per migration (each waits for the
/// other's on the history table's lock and then finds it recorded): both succeed and each file is applied exactly once.
/// </summary>
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
        // The --json line among the log lines the harness merges into the output.
        var applied = runs
            .Select(r => r.Output.Split('\n').Single(line => line.StartsWith("{\"database\"", StringComparison.Ordinal)))
            .SelectMany(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("applied").EnumerateArray().Select(a => a.GetString()!))
            .ToList();
        Assert.Equal(Trading.Data.Migrations.MigrationSource.Embedded.Select(m => m.Name), applied.Order(StringComparer.Ordinal));
        Assert.Equal((long)Trading.Data.Migrations.MigrationSource.Embedded.Count, await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }
}
