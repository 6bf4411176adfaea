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
