using Trading.Testing;

namespace Trading.Data.Tests.Views;

/// <summary>Money moved in or out is not performance: the daily P&amp;L and its return net out the day's funding.</summary>
public sealed class DailyPnlFundingTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task DailyPnl_DepositDuringTheDay_NotCountedAsProfit()
    {
        // Day 1 closes at 10000 (no change). Day 2: 5000 deposited, close 15100 -> P&L 100 on 15000 at work = 0.6667 %.
        await fixture.Database.ExecuteAsync("""
            INSERT INTO accounts (account) VALUES ('funded-day');
            SELECT deposit('funded-day', 5000);
            UPDATE paper_ledger SET time = '2026-11-02 09:00+00' WHERE account = 'funded-day';
            INSERT INTO paper_portfolio_snapshots (time, account, cash, positions_value, total_value, gross_exposure, unrealized_pnl,
                                                   realized_pnl, total_pnl, total_pnl_pct, num_positions) VALUES
                ('2026-11-01 20:00+00', 'funded-day', 10000, 0, 10000, 0, 0, 0, 0, 0, 0),
                ('2026-11-02 20:00+00', 'funded-day', 15100, 0, 15100, 0, 0, 0, 100, 0.6667, 0);
            SELECT refresh_account_stats('funded-day');
            """);

        var days = await fixture.Database.QueryAsync("SELECT day, pnl, return_pct, net_deposits FROM v_paper_daily_pnl WHERE account = 'funded-day' ORDER BY day");

        Assert.Equal([0m, 100m], days.Select(d => (decimal)d["pnl"]!));
        Assert.Equal([0.0000m, 0.6667m], days.Select(d => (decimal)d["return_pct"]!));
        Assert.Equal([0m, 5000m], days.Select(d => (decimal)d["net_deposits"]!));
    }
}
