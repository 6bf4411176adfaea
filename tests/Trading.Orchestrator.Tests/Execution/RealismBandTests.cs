using Trading.Orchestrator.Tests.Cli;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// The realism band (issue 15, item 5) through the whole path: fills made by the orchestrator, re-priced by
/// v_paper_realism_band under the optimistic and pessimistic models, shown by `trading report`.
/// </summary>
public sealed class RealismBandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    // Tick 0.01, no slippage, fee 0.1 %. BUY 10 at the ask 100.01 (mid 100.00), fee 1.0001, strategy "band-a"; the quote
    // moves to 109.99/110.01; SELL 4 at the bid 109.99 (mid 110.00), fee 0.43996, no strategy. Mark 110.00, 6 held.
    //   actual       -1000.10 - 1.0001 + 439.96 - 0.43996 + 6 × 110 = 98.41994
    //   optimistic   -1000.00 + 440.00 + 660 = 100.00 (mids, no fee)
    //   pessimistic  actual - 10 × 0.01 - 4 × 0.01 (a tick each, takers, no slippage to double) = 98.27994
    //   per strategy band-a: -1001.1001 + 10 × 110 = 98.8999 (optimistic 100, pessimistic 98.7999);
    //                (none): 439.52004 - 4 × 110 = -0.47996 (optimistic 0, pessimistic -0.51996)
    [Fact]
    public async Task Band_BuyThenPartialSell_HandComputedFiguresAndActualIsTheOverviewsTotal()
    {
        var db = fixture.Database;
        await db.ExecuteAsync("""
            INSERT INTO instruments (symbol, tick_size, lot_size) VALUES ('BAND/USDT', 0.01, 0.001);
            INSERT INTO accounts (account, initial_capital, cash, slippage_model, slippage_rate, fee_rate, maker_fee_rate, min_fee)
            VALUES ('band', 100000, 100000, 'fixed', 0, 0.001, 0.001, 0);
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'BAND/USDT', 99.99, 100.01);
            """);
        using var orchestrator = await TradingProcess.StartOrchestratorAsync(db);
        var buy = await db.ScalarAsync<long>("INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity, strategy) VALUES ('band', 'BAND/USDT', 'BUY', 0.9, 10, 'band-a') RETURNING id");
        await orchestrator.WaitForAsync(db, $"SELECT status = 'executed' FROM trading_decisions WHERE id = {buy}");
        await db.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES (clock_timestamp(), 'BAND/USDT', 109.99, 110.01)");
        var sell = await db.ScalarAsync<long>("INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ('band', 'BAND/USDT', 'SELL', 0.9, 4) RETURNING id");
        await orchestrator.WaitForAsync(db, $"SELECT status = 'executed' FROM trading_decisions WHERE id = {sell}");

        var band = (await db.QueryAsync("SELECT b.*, o.total_pnl FROM v_paper_realism_band b JOIN v_paper_portfolio_overview o USING (account) WHERE account = 'band'")).Single();
        Assert.Equal(2L, band["fills"]);
        Assert.Equal(1440.06m, (decimal)band["traded_notional"]!);
        Assert.Equal(98.41994m, (decimal)band["actual_pnl"]!);
        Assert.Equal((decimal)band["total_pnl"]!, (decimal)band["actual_pnl"]!);
        Assert.Equal(100.00m, (decimal)band["optimistic_pnl"]!);
        Assert.Equal(98.27994m, (decimal)band["pessimistic_pnl"]!);
        Assert.Equal(1.58006m, (decimal)band["optimism"]!);
        Assert.Equal(0.14m, (decimal)band["pessimism"]!);
        Assert.Equal(1.72006m, (decimal)band["band_width"]!);
        Assert.Equal(11.9444m, (decimal)band["band_bps"]!);
        Assert.Empty(await db.QueryAsync("SELECT * FROM invariants('band')"));

        var strategies = (await db.QueryAsync("SELECT * FROM v_paper_realism_band_by_strategy WHERE account = 'band'"))
            .ToDictionary(r => (string?)r["strategy"] ?? "(none)");
        Assert.Equal((98.8999m, 100m, 98.7999m), Figures(strategies["band-a"]));
        Assert.Equal((-0.47996m, 0m, -0.51996m), Figures(strategies["(none)"]));

        var html = Path.Combine(Directory.CreateTempSubdirectory("band-report-").FullName, "band.html");
        var (exit, output) = await CliRun.RunAsync(db.ConnectionString, "report", "--account", "band", "--out", html, "--json");
        Assert.Equal(0, exit);
        var json = CliRun.Json(output).GetProperty("realism_band");
        Assert.Equal(98.41994m, json.GetProperty("account").GetProperty("actual").GetDecimal());
        Assert.Equal(1.72006m, json.GetProperty("account").GetProperty("width").GetDecimal());
        Assert.Equal(2, json.GetProperty("strategies").GetArrayLength());
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("<svg id=\"realism\"", page, StringComparison.Ordinal);
        Assert.Contains("band-a", page, StringComparison.Ordinal);
    }

    // A resting BUY 5 limit 99.00 (quote 99.99/100.01) fills as a maker when the ask touches it (98.98/99.00): at 99.00,
    // maker fee 0.495. Mark 98.99 (the mid), 5 held.
    //   actual       -495 - 0.495 + 5 × 98.99 = -0.545
    //   optimistic   at the mid of its own quote, 98.99, no fee: 0
    //   pessimistic  two ticks (one for every fill, one for the back of the queue): -0.545 - 5 × 0.02 = -0.645
    [Fact]
    public async Task Band_RestingLimitFilledAsMaker_BackOfTheQueueCostsATickMore()
    {
        var db = fixture.Database;
        await db.ExecuteAsync("""
            INSERT INTO instruments (symbol, tick_size, lot_size) VALUES ('MAKER/USDT', 0.01, 0.001);
            INSERT INTO accounts (account, initial_capital, cash, slippage_model, slippage_rate, fee_rate, maker_fee_rate, min_fee)
            VALUES ('band-maker', 100000, 100000, 'fixed', 0, 0.001, 0.001, 0);
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'MAKER/USDT', 99.99, 100.01);
            """);
        using var orchestrator = await TradingProcess.StartOrchestratorAsync(db);
        var id = await db.ScalarAsync<long>("""
            INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity, order_type, limit_price)
            VALUES ('band-maker', 'MAKER/USDT', 'BUY', 0.9, 5, 'limit', 99.00) RETURNING id
            """);
        await orchestrator.WaitForAsync(db, $"SELECT status <> 'pending' FROM trading_decisions WHERE id = {id}");
        await db.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES (clock_timestamp(), 'MAKER/USDT', 98.98, 99.00)");
        await orchestrator.WaitForAsync(db, "SELECT EXISTS (SELECT 1 FROM paper_fills WHERE account = 'band-maker')");

        Assert.Equal("maker", await db.ScalarAsync<string>("SELECT liquidity FROM paper_fills WHERE account = 'band-maker'"));
        var band = (await db.QueryAsync("SELECT actual_pnl, optimistic_pnl, pessimistic_pnl FROM v_paper_realism_band WHERE account = 'band-maker'")).Single();
        Assert.Equal((-0.545m, 0m, -0.645m), Figures(band));
        Assert.Empty(await db.QueryAsync("SELECT * FROM invariants('band-maker')"));
    }

    private static (decimal Actual, decimal Optimistic, decimal Pessimistic) Figures(Dictionary<string, object?> row) =>
        ((decimal)row["actual_pnl"]!, (decimal)row["optimistic_pnl"]!, (decimal)row["pessimistic_pnl"]!);
}
