using Npgsql;
using Trading.Data.Strategies;
using Trading.Testing;

namespace Trading.Data.Tests.Strategies;

/// <summary>The SQL surface of strategy sessions: bars from quotes, start_strategy, stop_strategy, v_strategy_sessions.</summary>
public sealed class StrategySqlTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task StrategyBars_QuotesInThreeHours_ClosedBarsWithOhlcvOfLastOrMid()
    {
        var db = fixture.Database;
        var hour = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
        await db.ExecuteAsync("INSERT INTO instruments (symbol) VALUES ('BARS/USDT')");
        await db.ExecuteAsync("""
            INSERT INTO market_prices (time, symbol, bid, ask, last, volume) VALUES
                ($1 + interval '1 minute',  'BARS/USDT', NULL, NULL, 100, 2),
                ($1 + interval '20 minutes', 'BARS/USDT', NULL, NULL, 104, 1),
                ($1 + interval '40 minutes', 'BARS/USDT', NULL, NULL, 99, 3),
                ($1 + interval '59 minutes', 'BARS/USDT', NULL, NULL, 101, 4),
                ($1 + interval '70 minutes', 'BARS/USDT', 109, 111, NULL, NULL),
                ($1 + interval '150 minutes', 'BARS/USDT', NULL, NULL, 120, 1);
            """, hour);

        var bars = await StrategyStore.BarsAsync(db.DataSource, "BARS/USDT", TimeSpan.FromHours(1), hour, hour.AddHours(2.5), CancellationToken.None);

        // The third hour is still open at 12:30: only two closed bars. The second has one quote without a last: its mid.
        Assert.Equal(2, bars.Count);
        Assert.Equal((hour, 100m, 104m, 99m, 101m, 10m), (bars[0].OpenTime, bars[0].Open, bars[0].High, bars[0].Low, bars[0].Close, bars[0].Volume));
        Assert.Equal((hour.AddHours(1), 110m, 110m, 110m, 110m, 0m), (bars[1].OpenTime, bars[1].Open, bars[1].High, bars[1].Low, bars[1].Close, bars[1].Volume));
        Assert.Equal(hour.AddHours(2), bars[1].CloseTime);
    }

    [Fact]
    public async Task StartStrategy_NewName_CreatesItsAccountWithCapitalAndTheQuoteAfterPricing()
    {
        var db = fixture.Database;

        var id = await db.ScalarAsync<long>("""SELECT start_strategy('{"name": "Start_Test.1", "symbols": ["BTC/USDT"]}', NULL, 2500)""");

        var row = (await db.QueryAsync("""
            SELECT s.account, s.status, s.mode, a.initial_capital, a.cash, a.latency
            FROM strategy_sessions s JOIN accounts a USING (account) WHERE s.session_id = $1
            """, id)).Single();
        Assert.Equal("strategy-start-test-1", row["account"]);
        Assert.Equal(("running", "live"), (row["status"], row["mode"]));
        Assert.Equal((2500m, 2500m), ((decimal)row["initial_capital"]!, (decimal)row["cash"]!));
        Assert.Equal(TimeSpan.FromMilliseconds(1), row["latency"]);
        var second = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ScalarAsync<long>("""SELECT start_strategy('{"name": "Start_Test.1", "symbols": ["BTC/USDT"]}')"""));
        Assert.Equal("strategy_sessions_one_running_per_account", second.ConstraintName);
        Assert.Empty(await db.InvariantViolationsAsync());
    }

    [Fact]
    public async Task StartStrategy_NoName_RefusedNamingTheRule()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            fixture.Database.ScalarAsync<long>("""SELECT start_strategy('{"symbols": ["BTC/USDT"]}')"""));

        Assert.Equal("strategy_sessions_name_format", error.ConstraintName);
    }

    [Fact]
    public async Task StopStrategy_WithPositions_OneCloseEachThenRefusesASecondStop()
    {
        var db = fixture.Database;
        var id = await db.ScalarAsync<long>("""SELECT start_strategy('{"name": "stopper", "symbols": ["BTC/USDT", "ETH/USDT"]}')""");
        await db.ExecuteAsync("""
            INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, opened_at, updated_at)
            VALUES ('strategy-stopper', 'BTC/USDT', 'long', 0.1, 6000, now(), now()),
                   ('strategy-stopper', 'ETH/USDT', 'short', 1, 3000, now(), now())
            """);

        var closes = await db.ScalarAsync<int>("SELECT stop_strategy($1)", id);

        Assert.Equal(2, closes);
        var decisions = await db.QueryAsync(
            "SELECT symbol, decision, agent, strategy_session_id FROM trading_decisions WHERE account = 'strategy-stopper' ORDER BY symbol");
        Assert.Equal(["BTC/USDT", "ETH/USDT"], decisions.Select(d => (string)d["symbol"]!));
        Assert.All(decisions, d => Assert.Equal(("CLOSE", "strategy:stopper", id), ((string)d["decision"]!, (string)d["agent"]!, (long)d["strategy_session_id"]!)));
        Assert.Equal("stopped", await db.ScalarAsync<string>("SELECT status FROM v_strategy_sessions WHERE session_id = $1", id));
        var again = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync<int>("SELECT stop_strategy($1)", id));
        Assert.Equal(PostgresErrorCodes.ObjectNotInPrerequisiteState, again.SqlState);
        await db.ExecuteAsync("DELETE FROM trading_decisions WHERE account = 'strategy-stopper'; DELETE FROM paper_positions WHERE account = 'strategy-stopper'");
    }

    [Fact]
    public async Task PriceAsOf_AnAgent_CannotWriteIt()
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var role = new NpgsqlCommand("SET LOCAL ROLE trading_agent", connection, transaction))
        {
            await role.ExecuteNonQueryAsync();
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO trading_decisions (symbol, decision, confidence, price_as_of) VALUES ('BTC/USDT', 'BUY', 0.9, now() - interval '1 day')",
            connection, transaction);
        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task ResetAccount_RunningSessionRefuses_StoppedSessionKeepsTheClosedEpoch()
    {
        var db = fixture.Database;
        var id = await db.ScalarAsync<long>("""SELECT start_strategy('{"name": "epochs", "symbols": ["BTC/USDT"]}')""");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("SELECT reset_account('strategy-epochs')"));
        Assert.Equal(PostgresErrorCodes.ObjectNotInPrerequisiteState, refused.SqlState);
        Assert.Contains($"running strategy session {id}", refused.MessageText, StringComparison.Ordinal);

        await db.ExecuteAsync("SELECT stop_strategy($1)", id);
        await db.ExecuteAsync("SELECT reset_account('strategy-epochs')");
        Assert.Equal(("strategy-epochs", 1), (await db.ScalarAsync<string>("SELECT account FROM strategy_sessions WHERE session_id = $1", id),
            await db.ScalarAsync<int>("SELECT epoch FROM strategy_sessions WHERE session_id = $1", id)));
        Assert.Empty(await db.InvariantViolationsAsync());
    }
}
