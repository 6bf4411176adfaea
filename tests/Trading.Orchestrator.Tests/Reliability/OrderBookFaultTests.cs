using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Reliability;

/// <summary>
/// An order book that breaks every batch of its account (here a trigger refuses the write of its matching progress, as
/// a row no constraint caught would): the orchestrator finds the order book at fault, cancels the account's working
/// orders with the error, and executes the account's decisions instead of failing them.
/// </summary>
public sealed class OrderBookFaultTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task PoisonedWorkingOrder_CanceledWithTheError_TheAccountsDecisionStillExecutes()
    {
        var db = fixture.Database;
        await db.ExecuteAsync("""
            INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES ('POISON/USDT', 0.01, 0.001, 0);
            INSERT INTO accounts (account, slippage_model) VALUES ('poison', 'none');
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'POISON/USDT', 99.99, 100.01);
            """);
        using var process = await TradingProcess.StartOrchestratorAsync(db);
        var limit = await db.ScalarAsync<long>("""
            INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity, order_type, limit_price)
            VALUES ('poison', 'POISON/USDT', 'BUY', 0.9, 1, 'limit', 90) RETURNING id
            """);
        await process.WaitForAsync(db, $"SELECT status = 'placed' FROM trading_decisions WHERE id = {limit}");

        await db.ExecuteAsync("""
            CREATE FUNCTION poison_order() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'poisoned order book of %', NEW.account;
            END $$;
            CREATE TRIGGER poison BEFORE INSERT OR UPDATE ON paper_order_marks FOR EACH ROW EXECUTE FUNCTION poison_order();
            """);
        try
        {
            await db.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'POISON/USDT', 99.98, 100.00)");
            var buy = await db.ScalarAsync<long>(
                "INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ('poison', 'POISON/USDT', 'BUY', 0.9, 1) RETURNING id");
            await process.WaitForAsync(db, $"SELECT status <> 'pending' FROM trading_decisions WHERE id = {buy}");

            Assert.Equal(("executed", $"bought 1 POISON/USDT at 100, fee 1.00"), await OutcomeAsync(db, buy));
            var order = (await db.QueryAsync($"SELECT o.status, o.reason FROM paper_orders o JOIN trading_decisions d ON d.order_id = o.order_id WHERE d.id = {limit}")).Single();
            Assert.Equal("canceled", order["status"]);
            Assert.StartsWith("canceled: the order book of this account failed to process: ", (string)order["reason"]!, StringComparison.Ordinal);
            Assert.Contains("poisoned order book of poison", (string)order["reason"]!, StringComparison.Ordinal);
            Assert.Contains("canceled its 1 working orders", process.Output, StringComparison.Ordinal);
        }
        finally
        {
            await db.ExecuteAsync("DROP TRIGGER poison ON paper_order_marks; DROP FUNCTION poison_order()");
        }

        Assert.Equal(0, await process.StopAsync());
        Assert.Empty(await db.InvariantViolationsAsync());
    }

    private static async Task<(string, string)> OutcomeAsync(TestDatabase db, long id)
    {
        var row = (await db.QueryAsync("SELECT status, status_reason FROM trading_decisions WHERE id = $1", id)).Single();
        return ((string)row["status"]!, (string)row["status_reason"]!);
    }
}
