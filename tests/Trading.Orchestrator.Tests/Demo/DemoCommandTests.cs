using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Demo;

/// <summary>`trading demo`, headless for a few seconds: prices flow, the agent decides, decisions execute, snapshots are written.</summary>
public sealed class DemoCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Demo_HeadlessForSixSeconds_ExecutesDecisionsAndWritesSnapshots()
    {
        var (exit, output) = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "demo", "--seconds", "6", "--decisions-per-second", "5");

        Assert.True(exit == 0, output);
        Assert.Contains("demo stopped: equity", output, StringComparison.Ordinal);
        Assert.True(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_prices WHERE symbol = 'BTC/USDT'") > 10);
        Assert.True(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE account = 'demo' AND status = 'executed'") > 0);
        Assert.True(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM paper_portfolio_snapshots WHERE account = 'demo'") > 0);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE account = 'demo' AND status = 'pending'"));
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());

        // Beside the random agent, the strategy session replays the backfilled hour at once and trades for a reason.
        Assert.Contains("strategy demo_rsi_reversion (session ", output, StringComparison.Ordinal);
        Assert.True(await fixture.Database.ScalarAsync<long>("SELECT bars_acted FROM strategy_sessions WHERE account = 'demo-strategy'") > 0, output);
        Assert.True(await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM trading_decisions WHERE account = 'demo-strategy' AND agent = 'strategy:demo_rsi_reversion' AND reasoning LIKE '%rsi.value%'") > 0, output);
    }

    [Fact]
    public async Task Demo_SecondRun_ResumesTheAccountUnlessFresh()
    {
        await TradingProcess.RunAsync(fixture.Database.ConnectionString, "demo", "--seconds", "3", "--account", "again");
        var first = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE account = 'again'");

        await TradingProcess.RunAsync(fixture.Database.ConnectionString, "demo", "--seconds", "3", "--account", "again");
        var resumed = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE account = 'again'");
        var (exit, output) = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "demo", "--seconds", "2", "--account", "again", "--fresh");
        var fresh = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE account = 'again'");

        Assert.True(exit == 0, output);
        Assert.True(resumed > first, $"{resumed} > {first}");
        Assert.True(fresh < resumed, $"{fresh} < {resumed}");
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task Demo_BadPace_ClearMessageAndExitTwo()
    {
        var (exit, output) = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "demo", "--decisions-per-second", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--decisions-per-second", output, StringComparison.Ordinal);
    }
}
