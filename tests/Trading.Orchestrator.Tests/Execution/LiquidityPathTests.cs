using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>The book walk through the whole path: depth rows in market_depth, fills at level prices, provenance stored, no size reused.</summary>
public sealed class LiquidityPathTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Buy_DepthSnapshot_FillsEachLevelAndTheNextBatchFindsThemTaken()
    {
        var desk = new Desk(fixture.Database);
        await desk.InstrumentAsync("LIQA/USDT");
        await desk.CreateAccountAsync("liq-a", "slippage_model='none'");
        var first = await desk.DecideAsync("liq-a", "LIQA/USDT", "BUY", 10);
        var created = await fixture.Database.ScalarAsync<DateTime>("SELECT created_at FROM trading_decisions WHERE id = $1", first);
        var book = new DateTimeOffset(created, TimeSpan.Zero).AddMilliseconds(-50);
        await desk.QuoteAtAsync("LIQA/USDT", book, 99m, 100m);
        await fixture.Database.ExecuteAsync("""
            INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES
                ($1, 'LIQA/USDT', 'bid', 0, 99, 3), ($1, 'LIQA/USDT', 'ask', 0, 100, 3),
                ($1, 'LIQA/USDT', 'ask', 1, 101, 4), ($1, 'LIQA/USDT', 'ask', 2, 102, 5)
            """, book.UtcDateTime);

        desk.SetClock(book.AddSeconds(1));
        await desk.ExecuteAllAsync();

        var fills = await fixture.Database.QueryAsync("""
            SELECT f.quantity, f.price, f.fee, f.book, f.book_time, f.book_level, f.book_levels
            FROM paper_fills f JOIN paper_orders o USING (order_id) WHERE o.decision_id = $1 ORDER BY f.book_level
            """, first);
        Assert.Equal([(3m, 100m), (4m, 101m), (3m, 102m)], fills.Select(f => ((decimal)f["quantity"]!, (decimal)f["price"]!)));
        Assert.Equal(1.01m, fills.Sum(f => (decimal)f["fee"]!));
        Assert.All(fills, f => Assert.Equal(("depth", 3), ((string)f["book"]!, (int)f["book_levels"]!)));
        Assert.Equal(("executed", "bought 10 LIQA/USDT at 101 on average over 3 book levels, fee 1.01"), await desk.OutcomeAsync(first));

        var second = await desk.DecideAsync("liq-a", "LIQA/USDT", "BUY", 3);
        desk.SetClock(book.AddSeconds(2));
        await desk.ExecuteAllAsync();

        var (status, reason) = await desk.OutcomeAsync(second);
        Assert.Equal("executed", status);
        Assert.StartsWith("bought 2 LIQA/USDT at 102, fee 1.00; the book ran out: remaining 1 canceled", reason, StringComparison.Ordinal);
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task RestingLimits_QuoteTradesThrough_WalkTheDepthOneAfterTheOtherAndTheNextBatchFindsItTaken()
    {
        var desk = await DeskAsync("liq-c", "LIQC/USDT", 104m, 105m);
        var first = await desk.DecideAsync("liq-c", "LIQC/USDT", "BUY", 10m, "order_type, limit_price", "limit", 102m);
        var second = await desk.DecideAsync("liq-c", "LIQC/USDT", "BUY", 5m, "order_type, limit_price", "limit", 103m);
        await desk.ExecuteAllAsync();
        Assert.Equal("placed", (await desk.OutcomeAsync(second)).Status);

        var book = desk.Now.AddSeconds(2);
        await desk.QuoteAtAsync("LIQC/USDT", book, 99.5m, 100m, 5m, 3m);
        await DepthAsync("LIQC/USDT", book, [(99.5m, 5m)], [(100m, 3m), (101m, 4m), (102m, 5m), (103m, 9m)]);
        desk.SetClock(book.AddSeconds(1));
        await desk.ExecuteAllAsync();

        var walked = await LevelsAsync(first);
        Assert.Equal([(3m, 100m), (4m, 101m), (3m, 102m)], QuantityAndPrice(walked));
        Assert.Equal(1.01m, walked.Sum(f => (decimal)f["fee"]!));
        Assert.All(walked, f => Assert.Equal(("depth", 3, Stored(book)), ((string)f["book"]!, (int)f["book_levels"]!, ((DateTime)f["book_time"]!).ToUniversalTime())));
        Assert.Equal([(2m, 102m), (3m, 103m)], QuantityAndPrice(await LevelsAsync(second)));

        // A later batch on the same snapshot reads back what the resting orders took: 6 left at 103.
        var third = await desk.DecideAsync("liq-c", "LIQC/USDT", "BUY", 8m);
        desk.SetClock(book.AddSeconds(2));
        await desk.ExecuteAllAsync();
        Assert.Equal([(6m, 103m)], QuantityAndPrice(await LevelsAsync(third)));
        Assert.Contains("the book ran out: remaining 2 canceled", (await desk.OutcomeAsync(third)).Reason, StringComparison.Ordinal);
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task RestingLimit_PathQuoteOlderThanTheNewestSnapshot_WalksTheSnapshotInForceAtIt()
    {
        var desk = await DeskAsync("liq-e", "LIQE/USDT", 104m, 105m);
        var id = await desk.DecideAsync("liq-e", "LIQE/USDT", "BUY", 10m, "order_type, limit_price", "limit", 102m);
        await desk.ExecuteAllAsync();

        // Two quotes and their snapshots before the next batch: the order meets the first, which the newer book must not price.
        var (first, second) = (desk.Now.AddSeconds(2), desk.Now.AddSeconds(3));
        await desk.QuoteAtAsync("LIQE/USDT", first, 99.5m, 100m, 5m, 3m);
        await desk.QuoteAtAsync("LIQE/USDT", second, 99.5m, 100m, 5m, 50m);
        await DepthAsync("LIQE/USDT", first, [], [(100m, 3m), (101m, 4m), (102m, 5m)]);
        await DepthAsync("LIQE/USDT", second, [], [(100m, 50m)]);
        desk.SetClock(second.AddSeconds(1));
        await desk.ExecuteAllAsync();

        var fills = await LevelsAsync(id);
        Assert.Equal([(3m, 100m), (4m, 101m), (3m, 102m)], QuantityAndPrice(fills));
        Assert.All(fills, f => Assert.Equal(Stored(first), ((DateTime)f["book_time"]!).ToUniversalTime()));
    }

    [Fact]
    public async Task StopLoss_TriggeredByAQuote_SellsIntoTheDepthLevelByLevel()
    {
        var desk = await DeskAsync("liq-d", "LIQD/USDT", 100m, 100.01m);
        await desk.DecideAsync("liq-d", "LIQD/USDT", "BUY", 12m);
        var stop = await desk.DecideAsync("liq-d", "LIQD/USDT", "SELL", 12m, "order_type, stop_price, reduce_only", "stop", 99.5m, true);
        await desk.ExecuteAllAsync();
        Assert.Equal("placed", (await desk.OutcomeAsync(stop)).Status);

        var book = desk.Now.AddSeconds(2);
        await desk.QuoteAtAsync("LIQD/USDT", book, 99m, 99.5m, 5m, 5m);
        await DepthAsync("LIQD/USDT", book, [(99m, 5m), (98m, 5m), (97m, 5m)], [(99.5m, 5m)]);
        desk.SetClock(book.AddSeconds(1));
        await desk.ExecuteAllAsync();

        var fills = await LevelsAsync(stop);
        Assert.Equal([(5m, 99m), (5m, 98m), (2m, 97m)], QuantityAndPrice(fills));
        // One fee on 495 + 490 + 194 = 1 179: 1.179.
        Assert.Equal(1.179m, fills.Sum(f => (decimal)f["fee"]!));
        Assert.All(fills, f => Assert.Equal(("depth", "taker"), ((string)f["book"]!, (string)f["liquidity"]!)));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM paper_positions WHERE account = 'liq-d'"));
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    /// <summary>A desk whose book-walking account (no slippage) trades <paramref name="symbol"/>, quoted a second ago with 50 a side.</summary>
    private async Task<Desk> DeskAsync(string account, string symbol, decimal bid, decimal ask)
    {
        var desk = new Desk(fixture.Database);
        await desk.InstrumentAsync(symbol);
        await desk.CreateAccountAsync(account, "slippage_model='none'");
        await desk.QuoteAtAsync(symbol, desk.Now.AddSeconds(-1), bid, ask, 50m, 50m);
        return desk;
    }

    /// <summary>Stores a depth snapshot of <paramref name="symbol"/> at <paramref name="time"/>, levels best first.</summary>
    private async Task DepthAsync(string symbol, DateTimeOffset time, (decimal Price, decimal Size)[] bids, (decimal Price, decimal Size)[] asks)
    {
        foreach (var (side, levels) in new[] { ("bid", bids), ("ask", asks) })
        {
            for (var level = 0; level < levels.Length; level++)
            {
                await fixture.Database.ExecuteAsync(
                    "INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES ($1, $2, $3, $4, $5, $6)",
                    time.UtcDateTime, symbol, side, (short)level, levels[level].Price, levels[level].Size);
            }
        }
    }

    /// <summary>The fills of a decision's order, best level first.</summary>
    private Task<List<Dictionary<string, object?>>> LevelsAsync(long decision) => fixture.Database.QueryAsync("""
        SELECT f.quantity, f.price, f.fee, f.book, f.book_time, f.book_levels, f.liquidity
        FROM paper_fills f JOIN paper_orders o USING (order_id) WHERE o.decision_id = $1 ORDER BY f.book_level
        """, decision);

    private static (decimal, decimal)[] QuantityAndPrice(List<Dictionary<string, object?>> fills) =>
        [.. fills.Select(f => ((decimal)f["quantity"]!, (decimal)f["price"]!))];

    /// <summary>A time as timestamptz stores it (microseconds).</summary>
    private static DateTime Stored(DateTimeOffset time) => new(time.UtcTicks / 10 * 10, DateTimeKind.Utc);

    [Fact]
    public async Task Buy_SqrtImpactWithoutHistory_RejectedWithTheReason()
    {
        var desk = new Desk(fixture.Database);
        await desk.InstrumentAsync("LIQB/USDT");
        await desk.CreateAccountAsync("liq-b", "slippage_model='sqrt_impact'");
        var id = await desk.DecideAsync("liq-b", "LIQB/USDT", "BUY", 1);
        var created = await fixture.Database.ScalarAsync<DateTime>("SELECT created_at FROM trading_decisions WHERE id = $1", id);
        await desk.QuoteAtAsync("LIQB/USDT", new DateTimeOffset(created, TimeSpan.Zero).AddMilliseconds(-50), 99m, 100m);

        desk.SetClock(new DateTimeOffset(created, TimeSpan.Zero).AddSeconds(1));
        await desk.ExecuteAllAsync();

        var (status, reason) = await desk.OutcomeAsync(id);
        Assert.Equal("rejected", status);
        // 0 or 1 closed bars, as the minute boundary falls: either way short of the three σ needs.
        Assert.StartsWith("sqrt_impact cannot price LIQB/USDT: LIQB/USDT: ", reason, StringComparison.Ordinal);
        Assert.Contains("observations, the impact model needs at least 3", reason, StringComparison.Ordinal);
    }
}
