using Trading.Data.Execution;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>The mark-to-market tick writes one row per account and bucket, however often it runs.</summary>
public sealed class SnapshotTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task WriteAsync_TwiceInOneBucket_OneRowWithTheLatestValues()
    {
        var bucket = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('snap')");

        await SnapshotStore.WriteAsync(fixture.Database.DataSource, TimeSpan.FromSeconds(10), bucket.AddSeconds(1), CancellationToken.None);
        await fixture.Database.ExecuteAsync("""
            UPDATE accounts SET cash = cash + 5 WHERE account = 'snap';
            INSERT INTO paper_ledger (account, time, kind, amount) VALUES ('snap', now(), 'deposit', 5);
            """);
        await SnapshotStore.WriteAsync(fixture.Database.DataSource, TimeSpan.FromSeconds(10), bucket.AddSeconds(9), CancellationToken.None);
        await SnapshotStore.WriteAsync(fixture.Database.DataSource, TimeSpan.FromSeconds(10), bucket.AddSeconds(10), CancellationToken.None);

        var rows = await fixture.Database.QueryAsync("SELECT time, cash FROM paper_portfolio_snapshots WHERE account = 'snap' ORDER BY time");
        Assert.Equal(2, rows.Count);
        Assert.Equal(10005m, (decimal)rows[0]["cash"]!);
        Assert.Equal(bucket, new DateTimeOffset((DateTime)rows[0]["time"]!, TimeSpan.Zero));
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task WriteAsync_ADipOverwrittenInItsBucket_ViewDrawdownIsTheStoredCurves()
    {
        // 10000 at 10:00:00, a dip to 9000 at 10:00:11 that 10:00:19 overwrites with 9900, then 9800 at 10:00:21: the
        // stored curve is 10000, 9900, 9800, so the deepest fall is -200 = -2 %, not the dip no snapshot shows.
        var bucket = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account, initial_capital, cash) VALUES ('dip', 10000, 10000)");
        async Task MarkAsync(decimal cash, int second)
        {
            // Moved through the ledger, so the books still balance for the invariants other tests audit.
            await fixture.Database.ExecuteAsync($"""
                INSERT INTO paper_ledger (account, time, kind, amount)
                SELECT 'dip', now(), CASE WHEN {cash} > cash THEN 'deposit' ELSE 'withdrawal' END, {cash} - cash FROM accounts WHERE account = 'dip' AND cash <> {cash};
                UPDATE accounts SET cash = {cash} WHERE account = 'dip';
                """);
            await SnapshotStore.WriteAsync(fixture.Database.DataSource, TimeSpan.FromSeconds(10), bucket.AddSeconds(second), CancellationToken.None);
        }

        await MarkAsync(10000m, 0);
        await MarkAsync(9000m, 11);
        await MarkAsync(9900m, 19);
        await MarkAsync(9800m, 21);

        var view = (await fixture.Database.QueryAsync("SELECT max_drawdown, max_drawdown_pct FROM v_paper_performance_metrics WHERE account = 'dip'")).Single();
        var curve = (await fixture.Database.QueryAsync("SELECT min(drawdown) AS dd, min(drawdown_pct) AS pct FROM v_paper_equity_curve WHERE account = 'dip'")).Single();
        Assert.Equal((-200m, -2m), ((decimal)view["max_drawdown"]!, (decimal)view["max_drawdown_pct"]!));
        Assert.Equal((-200m, -2m), ((decimal)curve["dd"]!, (decimal)curve["pct"]!));
    }

    [Fact]
    public async Task WriteAsync_OneAccountBeyondTheSnapshotRange_OthersSnapshotAndItIsNamed()
    {
        // Eleven positions each within the venue's bounds (below 10^9 units at below 10^8) add up past 10^18.
        await fixture.Database.ExecuteAsync("""
            INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) SELECT 'BIG' || i || '/USDT', 0.01, 1, 0 FROM generate_series(1, 11) i;
            INSERT INTO accounts (account) VALUES ('huge'), ('modest');
            INSERT INTO market_prices (time, symbol, bid, ask) SELECT now(), 'BIG' || i || '/USDT', 99999998, 99999999 FROM generate_series(1, 11) i;
            INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, opened_at, updated_at)
            SELECT 'huge', 'BIG' || i || '/USDT', 'long', 999999999, 999999999, now(), now() FROM generate_series(1, 11) i;
            """);

        var result = await SnapshotStore.WriteAsync(fixture.Database.DataSource, TimeSpan.FromSeconds(10), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(["huge"], result.BeyondRange);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM paper_portfolio_snapshots WHERE account = 'modest'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM paper_portfolio_snapshots WHERE account = 'huge'"));
        await fixture.Database.ExecuteAsync("DELETE FROM paper_positions WHERE account = 'huge'");
    }
}
