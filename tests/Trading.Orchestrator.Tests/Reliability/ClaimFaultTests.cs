using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Reliability;

/// <summary>
/// A row the engine cannot read, met while a batch is being claimed (here a NaN quoted size in a working order's quote
/// path, with the constraints that refuse it dropped, as a row no constraint caught would be): the claim's failure goes
/// through the batch's isolation, so the poisoned order book is quarantined and every decision still executes, the
/// account's own and another account's claimed with it. Before, the claim threw outside the batch's error handling and
/// every worker stalled on it each second.
/// </summary>
public sealed class ClaimFaultTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task UnreadableQuoteInThePath_BookQuarantined_DecisionsOfEveryAccountExecute()
    {
        var db = fixture.Database;
        await db.ExecuteAsync("""
            INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES ('NAN/USDT', 0.01, 0.001, 0);
            INSERT INTO accounts (account, slippage_model) VALUES ('nan', 'none'), ('clean', 'none');
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'NAN/USDT', 99.99, 100.01);
            """);
        using var process = await TradingProcess.StartOrchestratorAsync(db);
        var limit = await db.ScalarAsync<long>("""
            INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity, order_type, limit_price)
            VALUES ('nan', 'NAN/USDT', 'BUY', 0.9, 1, 'limit', 90) RETURNING id
            """);
        await process.WaitForAsync(db, $"SELECT status = 'placed' FROM trading_decisions WHERE id = {limit}");

        await DropChecksAsync(db, "market_prices", "bid_size");
        await db.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask, bid_size) VALUES (now(), 'NAN/USDT', 99.98, 100.00, 'NaN')");
        await db.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'NAN/USDT', 99.98, 100.00)");
        var own = await db.ScalarAsync<long>(
            "INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ('nan', 'NAN/USDT', 'BUY', 0.9, 1) RETURNING id");
        var other = await db.ScalarAsync<long>(
            "INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ('clean', 'NAN/USDT', 'BUY', 0.9, 1) RETURNING id");
        await process.WaitForAsync(db, $"SELECT bool_and(status <> 'pending') FROM trading_decisions WHERE id IN ({own}, {other})");

        Assert.Equal("executed", await db.ScalarAsync<string>($"SELECT status FROM trading_decisions WHERE id = {own}"));
        Assert.Equal("executed", await db.ScalarAsync<string>($"SELECT status FROM trading_decisions WHERE id = {other}"));
        var order = (await db.QueryAsync($"SELECT o.status, o.reason FROM paper_orders o JOIN trading_decisions d ON d.order_id = o.order_id WHERE d.id = {limit}")).Single();
        Assert.Equal("canceled", order["status"]);
        Assert.StartsWith("canceled: the order book of this account failed to process: ", (string)order["reason"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", process.Output, StringComparison.Ordinal);

        Assert.Equal(0, await process.StopAsync());
    }

    [Fact]
    public async Task UnreadableAccountRow_ItsDecisionsFailWithTheError_OtherAccountsExecute()
    {
        var db = fixture.Database;
        await db.ExecuteAsync("""
            INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES ('ROW/USDT', 0.01, 0.001, 0);
            INSERT INTO accounts (account, slippage_model) VALUES ('broken', 'none'), ('healthy', 'none');
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'ROW/USDT', 99.99, 100.01);
            """);
        await DropChecksAsync(db, "accounts", "cash");
        await db.ExecuteAsync("UPDATE accounts SET cash = 'NaN' WHERE account = 'broken'");
        using var process = await TradingProcess.StartOrchestratorAsync(db);
        var own = await db.ScalarAsync<long>(
            "INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ('broken', 'ROW/USDT', 'BUY', 0.9, 1) RETURNING id");
        var other = await db.ScalarAsync<long>(
            "INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ('healthy', 'ROW/USDT', 'BUY', 0.9, 1) RETURNING id");
        await process.WaitForAsync(db, $"SELECT bool_and(status <> 'pending') FROM trading_decisions WHERE id IN ({own}, {other})");

        Assert.Equal("executed", await db.ScalarAsync<string>($"SELECT status FROM trading_decisions WHERE id = {other}"));
        var failed = (await db.QueryAsync($"SELECT status, status_reason FROM trading_decisions WHERE id = {own}")).Single();
        Assert.Equal("failed", failed["status"]);
        Assert.StartsWith("failed after 3 attempts: ", (string)failed["status_reason"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", process.Output, StringComparison.Ordinal);
        await db.ExecuteAsync("UPDATE accounts SET cash = 10000 WHERE account = 'broken'"); // the fixture's invariants stay checkable

        Assert.Equal(0, await process.StopAsync());
    }

    /// <summary>Drops the table's CHECK constraints on the column: the test's stand-in for a row no constraint caught.</summary>
    private static Task<int> DropChecksAsync(TestDatabase db, string table, string column) =>
        db.ExecuteAsync($"""
            DO $$
            DECLARE c record;
            BEGIN
                FOR c IN SELECT conname FROM pg_constraint
                         WHERE conrelid = '{table}'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%{column}%'
                LOOP
                    EXECUTE format('ALTER TABLE {table} DROP CONSTRAINT %I', c.conname);
                END LOOP;
            END $$;
            """);
}
