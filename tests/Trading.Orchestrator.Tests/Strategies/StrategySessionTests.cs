using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Strategies;

/// <summary>
/// Seed 004's RSI strategy, verbatim, as a replay session over klines whose RSI path is known (<see cref="RsiReplay"/>):
/// decisions exactly at the bars where RSI crosses the thresholds, with the 5 % / 15 % bracket; and a `trading run`
/// killed again and again in the middle of the session loses and repeats no bar.
/// </summary>
public sealed class StrategySessionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("trading-strategy-").FullName;

    [Fact]
    public async Task RsiBounce_ReplayedKlines_BuyAndCloseExactlyAtTheRsiCrossings()
    {
        var (session, first) = await StartAsync("rsi-replay");
        using var process = await RunAsync(maxBarsPerPoll: 1000);

        await process.WaitForAsync(fixture.Database, $"SELECT bars_acted = {RsiReplay.Bars} AND decisions = 2 FROM v_strategy_sessions WHERE session_id = {session}");
        await process.WaitForAsync(fixture.Database, $"SELECT NOT EXISTS (SELECT 1 FROM trading_decisions WHERE strategy_session_id = {session} AND status = 'pending')");
        Assert.Equal(0, await process.StopAsync());

        await AssertTheTwoDecisionsAsync(session, first);
    }

    [Fact]
    public async Task RsiBounce_KilledMidSession_NoBarLostOrRepeated()
    {
        var (session, first) = await StartAsync("rsi-kills");
        var progress = new List<long> { 0 };
        for (var kill = 0; kill < 3; kill++)
        {
            // Each run is killed once it has acted on a bar of its own (however slow the machine), a little later each time.
            using var doomed = await RunAsync(maxBarsPerPoll: 1);
            await doomed.WaitForAsync(fixture.Database,
                $"SELECT bars_acted > {progress[^1]} OR bars_acted = {RsiReplay.Bars} FROM strategy_sessions WHERE session_id = {session}");
            await Task.Delay(TimeSpan.FromMilliseconds(40 * kill));
            doomed.Crash();
            progress.Add(await fixture.Database.ScalarAsync<long>("SELECT bars_acted FROM strategy_sessions WHERE session_id = $1", session));
        }

        // The kills landed in the middle of the session, not before or after it.
        Assert.Contains(progress, acted => acted is > 0 and < RsiReplay.Bars);

        using var process = await RunAsync(maxBarsPerPoll: 1000);
        await process.WaitForAsync(fixture.Database, $"SELECT bars_acted = {RsiReplay.Bars} AND decisions = 2 FROM v_strategy_sessions WHERE session_id = {session}");
        await process.WaitForAsync(fixture.Database, $"SELECT NOT EXISTS (SELECT 1 FROM trading_decisions WHERE strategy_session_id = {session} AND status = 'pending')");
        Assert.Equal(0, await process.StopAsync());

        await AssertTheTwoDecisionsAsync(session, first);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<(long Session, DateTimeOffset First)> StartAsync(string account) => RsiReplay.StartAsync(fixture.Database, folder, account);

    private Task<TradingProcess> RunAsync(int maxBarsPerPoll) => RsiReplay.RunAsync(fixture.Database, maxBarsPerPoll);

    private async Task AssertTheTwoDecisionsAsync(long session, DateTimeOffset first)
    {
        var db = fixture.Database;
        var decisions = await db.QueryAsync("""
            SELECT decision, status, stop_loss, take_profit, exit_unit, agent, price_as_of, idempotency_key, reasoning
            FROM trading_decisions WHERE strategy_session_id = $1 ORDER BY id
            """, session);
        Assert.Equal(2, decisions.Count);
        var entryClose = RsiReplay.OpenOf(first, RsiReplay.EntryBar + 1);
        var exitClose = RsiReplay.OpenOf(first, RsiReplay.ExitBar + 1);
        Assert.Equal(("BUY", "executed", 5m, 15m, "percent", "strategy:rsi_bounce_paper"),
            ((string)decisions[0]["decision"]!, (string)decisions[0]["status"]!, (decimal)decisions[0]["stop_loss"]!,
             (decimal)decisions[0]["take_profit"]!, (string)decisions[0]["exit_unit"]!, (string)decisions[0]["agent"]!));
        Assert.Equal(entryClose, new DateTimeOffset((DateTime)decisions[0]["price_as_of"]!, TimeSpan.Zero));
        Assert.Contains("rsi", (string)decisions[0]["reasoning"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("CLOSE", "executed"), ((string)decisions[1]["decision"]!, (string)decisions[1]["status"]!));
        Assert.Equal(exitClose, new DateTimeOffset((DateTime)decisions[1]["price_as_of"]!, TimeSpan.Zero));

        // Each filled at the first quote after its bar closed: the next kline's close.
        var fills = await db.QueryAsync("""
            SELECT f.side, f.quote_last FROM paper_fills f JOIN paper_orders o ON o.order_id = f.order_id
            JOIN trading_decisions d ON d.id = o.parent_decision_id WHERE d.strategy_session_id = $1 ORDER BY f.fill_id
            """, session);
        Assert.Equal([("buy", RsiReplay.Close(RsiReplay.EntryBar + 1)), ("sell", RsiReplay.Close(RsiReplay.ExitBar + 1))],
            fills.Select(f => ((string)f["side"]!, (decimal)f["quote_last"]!)));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT open_positions FROM v_strategy_sessions WHERE session_id = $1", session));
        Assert.Empty(await db.InvariantViolationsAsync());
        await db.ExecuteAsync("SELECT stop_strategy($1, true)", session);
    }
}
