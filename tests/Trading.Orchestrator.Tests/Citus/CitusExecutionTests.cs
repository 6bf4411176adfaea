using Trading.Orchestrator.Tests.Client;
using Trading.Orchestrator.Tests.Execution;
using Trading.Orchestrator.Tests.Reliability;
using Trading.Testing.Citus;

namespace Trading.Orchestrator.Tests.Citus;

/// <summary>
/// The execution, reliability and view tests on the run's Citus cluster (coordinator + two workers on loopback, the
/// schema distributed by `migrate --citus`): exactly once across accounts on both workers, invariants() empty after
/// kill -9, every view answering. Skipped, with the reason, where Citus is not installed.
/// </summary>
public sealed class CitusExecutionTests(CitusFixture fixture) : IClassFixture<CitusFixture>
{
    private static readonly string[] Views =
    [
        "v_latest_prices", "paper_trading_config", "v_paper_open_positions", "v_paper_open_orders", "v_paper_recent_trades",
        "v_paper_equity_curve", "v_paper_daily_pnl", "v_paper_portfolio_overview", "v_paper_performance_metrics",
        "v_paper_account_epochs", "v_strategy_sessions", "v_paper_shortfall", "v_paper_shortfall_summary",
        "v_paper_trade_signals", "v_backtest_trade_pairs", "v_backtest_vs_paper",
    ];

    [SkippableFact]
    public async Task RacingExecutors_TwentyAccountsOnTwoWorkers_ExactlyOnceInvariantsHold()
    {
        var database = fixture.RequireDatabase();

        await ConcurrencyTests.RacingExecutorsAsync(database, "crnd", 20, 2_000);

        var workers = await database.ScalarAsync<long>("""
            SELECT count(DISTINCT p.nodeport) FROM pg_dist_shard_placement p
            WHERE p.shardid = ANY (ARRAY(SELECT get_shard_id_for_distribution_column('accounts', a.account) FROM accounts a WHERE a.account LIKE 'crnd%'))
            """);
        Assert.Equal(2L, workers);
    }

    [SkippableFact]
    public async Task KilledFiveTimes_ThreeNodeCluster_NothingHalfWrittenNothingLost()
    {
        var database = fixture.RequireDatabase();

        await FaultTests.KilledRepeatedlyAsync(database, "ckill", 5);
    }

    [SkippableFact]
    public async Task CancelRequests_AccountsOnTwoShards_ForeignAndUnknownTargetsRefusedWithReasons()
    {
        var database = fixture.RequireDatabase();

        await CancelRequestTests.ResolvedWithReasonsAsync(database, "ccan");
    }

    [SkippableFact]
    public async Task SavedThroughTheClient_ThreeNodeCluster_ExecutedWithoutWaitingForThePollTick()
    {
        var database = fixture.RequireDatabase();

        await ClientWakeUpTests.ExecutedWithoutThePollTickAsync(database, "cwake");
    }

    [SkippableFact]
    public async Task Views_AfterARun_EveryViewAnswers()
    {
        var database = fixture.RequireDatabase();
        await ConcurrencyTests.RacingExecutorsAsync(database, "cview", 4, 400);

        foreach (var view in Views)
        {
            Assert.True(await database.ScalarAsync<long>($"SELECT count(*) FROM {view}") >= 0, view);
        }

        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM v_paper_portfolio_overview WHERE account LIKE 'cview%'") == 4);
    }
}
