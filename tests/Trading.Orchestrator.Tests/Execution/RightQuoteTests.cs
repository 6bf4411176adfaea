using Npgsql;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// A decision fills at a quote of its own time, never at one superseded before it existed (issue 15, item 1): a batch
/// that waited on a lock used to execute with the clock it read before waiting.
/// </summary>
public sealed class RightQuoteTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task ClaimWaitsOnALock_QuoteMovesAndDecisionArrivesMeanwhile_FillsAtTheNewQuoteAfterTheDecision()
    {
        var db = fixture.Database;
        await db.ExecuteAsync("""
            INSERT INTO instruments (symbol, tick_size, lot_size) VALUES ('RACE/USDT', 0.01, 0.001), ('WAKE/USDT', 0.01, 0.001);
            INSERT INTO accounts (account, initial_capital, cash, slippage_model, slippage_rate, fee_rate, min_fee)
            VALUES ('race', 100000, 100000, 'fixed', 0, 0.001, 1);
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'RACE/USDT', 99.99, 100.00);
            """);
        using var orchestrator = await TradingProcess.StartOrchestratorAsync(db);

        // Another session holds a lock every claim needs; a quote wakes the workers, which then wait on it.
        await using var blocker = new NpgsqlConnection(db.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE paper_cancel_requests IN ACCESS EXCLUSIVE MODE", blocker, hold))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        await db.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES (clock_timestamp(), 'WAKE/USDT', 1, 1.01)");
        await orchestrator.WaitForAsync(db, "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE relation = 'paper_cancel_requests'::regclass AND NOT granted)");

        // While the claim waits: the market moves, then the decision is made.
        await db.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES (clock_timestamp(), 'RACE/USDT', 119.99, 120.00)");
        var id = await db.ScalarAsync<long>("INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ('race', 'RACE/USDT', 'BUY', 0.9, 10) RETURNING id");
        await hold.CommitAsync();

        await orchestrator.WaitForAsync(db, $"SELECT status <> 'pending' FROM trading_decisions WHERE id = {id}");
        var fill = (await db.QueryAsync("""
            SELECT d.status, f.price, f.filled_at >= d.created_at AS after_decision
            FROM trading_decisions d JOIN paper_fills f ON f.order_id = d.order_id
            WHERE d.id = $1
            """, id)).Single();
        Assert.Equal(("executed", 120.00m, true), ((string)fill["status"]!, (decimal)fill["price"]!, (bool)fill["after_decision"]!));
        Assert.Empty(await db.QueryAsync("SELECT * FROM invariants('race')"));
    }

    [Fact]
    public async Task Invariants_FillBeforeItsDecision_Named()
    {
        var db = fixture.Database;
        await db.ExecuteAsync("""
            INSERT INTO accounts (account, initial_capital, cash) VALUES ('early', 100000, 100000);
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'BTC/USDT', 64999.99, 65000.01);
            """);
        using var orchestrator = await TradingProcess.StartOrchestratorAsync(db);
        var id = await db.ScalarAsync<long>("INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ('early', 'BTC/USDT', 'BUY', 0.9, 0.01) RETURNING id");
        await orchestrator.WaitForAsync(db, $"SELECT status = 'executed' FROM trading_decisions WHERE id = {id}");
        Assert.Empty(await db.QueryAsync("SELECT * FROM invariants('early')"));

        // What the old clock allowed: the decision created after its fill (an hour: far beyond how late the fill was).
        await db.ExecuteAsync("UPDATE trading_decisions SET created_at = created_at + interval '1 hour' WHERE id = $1", id);

        var violation = (await db.QueryAsync("SELECT invariant, detail FROM invariants('early')")).Single();
        Assert.Equal("fill_after_decision", violation["invariant"]);
        Assert.Contains($"of decision {id} at ", (string)violation["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invariants_FillAtASupersededQuote_NamedButALateQuoteWithAnOldTimeIsNot()
    {
        var db = fixture.Database;
        await db.ExecuteAsync("""
            INSERT INTO instruments (symbol, tick_size, lot_size) VALUES ('STALE/USDT', 0.01, 0.001);
            INSERT INTO accounts (account, initial_capital, cash) VALUES ('superseded', 100000, 100000);
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now() - interval '1 second', 'STALE/USDT', 99.99, 100.01);
            """);
        using var orchestrator = await TradingProcess.StartOrchestratorAsync(db);
        var id = await db.ScalarAsync<long>("INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ('superseded', 'STALE/USDT', 'BUY', 0.9, 1) RETURNING id");
        await orchestrator.WaitForAsync(db, $"SELECT status = 'executed' FROM trading_decisions WHERE id = {id}");
        Assert.Empty(await db.QueryAsync("SELECT * FROM invariants('superseded')"));

        // A quote between the fill's quote and the fill, inserted now: received after the fill, it could not have priced it.
        await db.ExecuteAsync("""
            INSERT INTO market_prices (time, symbol, bid, ask)
            SELECT f.quote_time + (f.filled_at - f.quote_time) / 2, f.symbol, 109.99, 110.01
            FROM paper_fills f WHERE f.account = 'superseded'
            """);
        Assert.Empty(await db.QueryAsync("SELECT * FROM invariants('superseded')"));

        // Received a moment before the fill: its transaction may not have committed in time for the fill's claim.
        await db.ExecuteAsync("UPDATE market_prices m SET received_at = f.filled_at - interval '100 milliseconds' FROM paper_fills f WHERE f.account = 'superseded' AND m.symbol = f.symbol AND m.time > f.quote_time");
        Assert.Empty(await db.QueryAsync("SELECT * FROM invariants('superseded')"));

        // Received well before the fill (past the one second allowed for a commit): the fill used a superseded quote.
        await db.ExecuteAsync("UPDATE market_prices m SET received_at = f.filled_at - interval '2 seconds' FROM paper_fills f WHERE f.account = 'superseded' AND m.symbol = f.symbol AND m.time > f.quote_time");
        var violation = (await db.QueryAsync("SELECT invariant, detail FROM invariants('superseded')")).Single();
        Assert.Equal("fill_at_newest_quote", violation["invariant"]);
        Assert.Contains($"of decision {id} used the quote of ", (string)violation["detail"]!, StringComparison.Ordinal);
    }
}
