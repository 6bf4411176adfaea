using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>Simulated latency: a decision fills at the first quote at or after its creation + latency, however late it runs.</summary>
public sealed class LatencyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Buy_Latency250ms_FillsAtFirstQuote250msAfterCreation()
    {
        var desk = new Desk(fixture.Database);
        await desk.InstrumentAsync("LATA/USDT");
        await desk.CreateAccountAsync("lat-a", "slippage_model='none', latency='250 milliseconds'");
        var id = await desk.DecideAsync("lat-a", "LATA/USDT", "BUY", 1);
        var created = await fixture.Database.ScalarAsync<DateTime>("SELECT created_at FROM trading_decisions WHERE id = $1", id);
        var t0 = new DateTimeOffset(created, TimeSpan.Zero);
        await desk.QuoteAtAsync("LATA/USDT", t0.AddMilliseconds(-50), 99.99m, 100.01m);
        await desk.QuoteAtAsync("LATA/USDT", t0.AddMilliseconds(240), 100.99m, 101.01m);
        await desk.QuoteAtAsync("LATA/USDT", t0.AddMilliseconds(260), 101.99m, 102.01m);
        await desk.QuoteAtAsync("LATA/USDT", t0.AddMilliseconds(900), 102.99m, 103.01m);

        // Processed long after: still the quote at +260 ms, not the newest.
        desk.SetClock(t0.AddSeconds(5));
        await desk.ExecuteAllAsync();

        var fill = (await fixture.Database.QueryAsync("""
            SELECT f.price, f.quote_time, f.latency FROM paper_fills f JOIN paper_orders o USING (order_id) WHERE o.decision_id = $1
            """, id)).Single();
        Assert.Equal(102.01m, (decimal)fill["price"]!);
        Assert.Equal(TimeSpan.FromMilliseconds(250), (TimeSpan)fill["latency"]!);
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task Buy_DelayedQuoteNotYetArrived_WaitsPendingThenFillsWhenItArrives()
    {
        var desk = new Desk(fixture.Database);
        await desk.InstrumentAsync("LATB/USDT");
        await desk.CreateAccountAsync("lat-b", "slippage_model='none', latency='250 milliseconds'");
        var first = await desk.DecideAsync("lat-b", "LATB/USDT", "BUY", 1);
        var second = await desk.DecideAsync("lat-b", "LATB/USDT", "BUY", 1);
        var created = await fixture.Database.ScalarAsync<DateTime>("SELECT created_at FROM trading_decisions WHERE id = $1", first);
        var t0 = new DateTimeOffset(created, TimeSpan.Zero);
        await desk.QuoteAtAsync("LATB/USDT", t0.AddMilliseconds(-10), 99.99m, 100.01m);

        desk.SetClock(t0.AddMilliseconds(300));
        await desk.ExecuteAllAsync();
        Assert.Equal("pending", (await fixture.Database.QueryAsync("SELECT status FROM trading_decisions WHERE id = $1", first)).Single()["status"]);
        Assert.Equal("pending", (await fixture.Database.QueryAsync("SELECT status FROM trading_decisions WHERE id = $1", second)).Single()["status"]);

        await desk.QuoteAtAsync("LATB/USDT", t0.AddMilliseconds(310), 109.99m, 110.01m);
        desk.SetClock(t0.AddMilliseconds(400));
        await desk.ExecuteAllAsync();

        Assert.Equal(("executed", "bought 1 LATB/USDT at 110.01, fee 1.00"), await desk.OutcomeAsync(first));
        Assert.Equal("executed", (await desk.OutcomeAsync(second)).Status);
    }

    [Fact]
    public async Task Buy_NoQuoteWithinStalenessAfterTarget_RejectedAsStale()
    {
        var desk = new Desk(fixture.Database);
        await desk.InstrumentAsync("LATC/USDT");
        await desk.CreateAccountAsync("lat-c", "slippage_model='none', latency='250 milliseconds', staleness_bound='5 seconds'");
        var id = await desk.DecideAsync("lat-c", "LATC/USDT", "BUY", 1);
        var created = await fixture.Database.ScalarAsync<DateTime>("SELECT created_at FROM trading_decisions WHERE id = $1", id);
        var t0 = new DateTimeOffset(created, TimeSpan.Zero);
        await desk.QuoteAtAsync("LATC/USDT", t0.AddMilliseconds(-10), 99.99m, 100.01m);

        desk.SetClock(t0.AddSeconds(6));
        await desk.ExecuteAllAsync();

        var (status, reason) = await desk.OutcomeAsync(id);
        Assert.Equal("rejected", status);
        Assert.StartsWith("stale price", reason, StringComparison.Ordinal);
    }
}
