using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Reliability;

/// <summary>The database restarts under a running orchestrator: it reconnects with backoff and finishes; nothing lost or repeated.</summary>
[Collection(SerialCollection.Name)]
public sealed class DatabaseRestartTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [SkippableFact]
    public async Task PgCtlRestartFast_MidRun_OrchestratorReconnectsAndFinishes()
    {
        Skip.IfNot(fixture.Cluster.CanRestart, "TRADING_TEST_DATABASE points at a server this test may not restart.");
        const string prefix = "rst";
        await Workload.SetUpAsync(fixture.Database, prefix, accounts: 10, symbols: 5);
        await Workload.InsertDecisionsAsync(fixture.Database, prefix, 10, 5, 4_000, 0.21);
        var slow = new Dictionary<string, string> { ["Orchestrator__DecisionsPerAccount"] = "10", ["Orchestrator__AccountsPerBatch"] = "1", ["Orchestrator__Workers"] = "1" };
        using var process = TradingProcess.Start(fixture.Database.ConnectionString, slow, "run");
        await WaitUntilSomeDoneAsync(prefix, 500);

        await fixture.Cluster.RestartAsync();
        // This test's own pooled sessions died with the server too.
        fixture.Database.DataSource.Clear();
        await Workload.QuoteAsync(fixture.Database, prefix, 5, 1);

        await Workload.WaitUntilNothingPendingAsync(fixture.Database, prefix, TimeSpan.FromMinutes(2));
        Assert.Equal(0, await process.StopAsync());
        Assert.Contains("transient database error", process.Output, StringComparison.Ordinal);
        await Workload.AssertSoundAsync(fixture.Database, prefix, 4_000);
    }

    private async Task WaitUntilSomeDoneAsync(string prefix, int count)
    {
        while (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM trading_decisions WHERE account LIKE '{prefix}%' AND status <> 'pending'") < count)
        {
            await Task.Delay(20);
        }
    }
}
