using Trading.Orchestrator.Tests.Reliability;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// The execution, reliability and view tests on a TimescaleDB server (trades, snapshots and market data as
/// hypertables, as docker-compose deploys them): exactly once, invariants() empty after kill -9, every view answering.
/// Skipped, with the reason, where TimescaleDB is not installed.
/// </summary>
public sealed class TimescaleExecutionTests(TimescaleFixture fixture) : IClassFixture<TimescaleFixture>
{
    [SkippableFact]
    public async Task RacingExecutors_OnHypertables_ExactlyOnceInvariantsHold()
    {
        var database = fixture.RequireDatabase();

        await ConcurrencyTests.RacingExecutorsAsync(database, "trnd", 10, 1_000);

        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM paper_trades WHERE account LIKE 'trnd%'") > 0);
    }

    [SkippableFact]
    public async Task KilledFiveTimes_OnHypertables_NothingHalfWrittenNothingLost()
    {
        var database = fixture.RequireDatabase();

        await FaultTests.KilledRepeatedlyAsync(database, "tkill", 5);
    }

    [SkippableFact]
    public async Task Views_AfterARun_EveryViewAnswers()
    {
        var database = fixture.RequireDatabase();
        await ConcurrencyTests.RacingExecutorsAsync(database, "tview", 4, 400);

        var views = await database.QueryAsync("SELECT viewname FROM pg_views WHERE schemaname = 'public' AND viewname LIKE 'v\\_%' ORDER BY 1");
        Assert.NotEmpty(views);
        foreach (var view in views.Select(v => (string)v["viewname"]!))
        {
            Assert.True(await database.ScalarAsync<long>($"SELECT count(*) FROM {view}") >= 0, view);
        }

        Assert.Equal(4L, await database.ScalarAsync<long>("SELECT count(*) FROM v_paper_portfolio_overview WHERE account LIKE 'tview%'"));
    }
}
