using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// A running orchestrator matches working orders when a quote arrives, whoever writes it: with the poll tick set to an
/// hour, only the quote's own notification can have woken it.
/// </summary>
public sealed class QuoteWakeUpTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task PlainSqlQuote_CrossesARestingLimit_FilledWithoutWaitingForThePollTick()
    {
        var db = fixture.Database;
        await db.ExecuteAsync("""
            INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES ('WAKE/USDT', 0.01, 0.001, 0);
            INSERT INTO accounts (account, slippage_model) VALUES ('wake', 'none');
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'WAKE/USDT', 99.99, 100.01);
            """);
        var settings = new Dictionary<string, string> { ["Orchestrator__PollInterval"] = "01:00:00", ["Orchestrator__MigrateOnStart"] = "false" };
        using var process = TradingProcess.Start(db.ConnectionString, settings, "run");
        await process.WaitUntilListeningAsync(TimeSpan.FromSeconds(30));

        var decision = await db.ScalarAsync<long>("""
            INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity, order_type, limit_price)
            VALUES ('wake', 'WAKE/USDT', 'BUY', 0.9, 1, 'limit', 99) RETURNING id
            """);
        await process.WaitForAsync(db, $"SELECT status = 'placed' FROM trading_decisions WHERE id = {decision}");

        await db.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'WAKE/USDT', 98.50, 98.52)");
        await process.WaitForAsync(db, $"SELECT o.status = 'filled' FROM paper_orders o JOIN trading_decisions d ON d.order_id = o.order_id WHERE d.id = {decision}");

        Assert.Equal(0, await process.StopAsync());
        Assert.Equal(98.52m, await db.ScalarAsync<decimal>($"SELECT o.avg_fill_price FROM paper_orders o JOIN trading_decisions d ON d.order_id = o.order_id WHERE d.id = {decision}"));
        Assert.Empty(await db.InvariantViolationsAsync());
    }
}
