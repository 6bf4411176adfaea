using Trading.Data.Execution;
using Trading.Testing;

namespace Trading.Data.Tests.Views;

/// <summary>
/// An account whose capital is all withdrawn: its percentages are NULL (no capital to be a percentage of), and every
/// view and the mark-to-market tick keep working for every account. withdraw('h-zero', 10000) used to make the
/// overview divide by zero for every reader and every snapshot tick.
/// </summary>
public sealed class ZeroCapitalTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly string[] Views =
    [
        "v_paper_portfolio_overview", "v_paper_performance_metrics", "v_paper_daily_pnl", "v_paper_equity_curve",
        "v_paper_account_epochs", "v_paper_open_positions", "v_paper_recent_trades", "get_portfolio_value('h-zero')",
    ];

    [Fact]
    public async Task SnapshotAndViews_AllCapitalWithdrawn_WorkForEveryAccount()
    {
        var db = fixture.Database;
        await db.ExecuteAsync("INSERT INTO accounts (account) VALUES ('h-zero'), ('h-late'), ('h-other')");
        var now = TimeProvider.System.GetUtcNow();

        // Before any snapshot: its first snapshot is worth 0, a peak of 0 for the drawdown percent.
        await db.ExecuteAsync("SELECT withdraw('h-zero', 10000)");
        await SnapshotStore.WriteAsync(db.DataSource, TimeSpan.FromSeconds(10), now, CancellationToken.None);
        // After one: the day opened at 10000 and 10000 left during it, so the day's capital at work is 0.
        await db.ExecuteAsync("SELECT withdraw('h-late', 10000)");
        await SnapshotStore.WriteAsync(db.DataSource, TimeSpan.FromSeconds(10), now.AddSeconds(10), CancellationToken.None);

        // Each read used to fail with "division by zero" (positions and trades are empty here, and read all the same).
        foreach (var view in Views)
        {
            Assert.NotNull(await db.QueryAsync($"SELECT * FROM {view}"));
        }

        var overview = (await db.QueryAsync("SELECT account, total_value, total_pnl, total_pnl_pct FROM v_paper_portfolio_overview WHERE account LIKE 'h-%' ORDER BY account"))
            .Select(r => ((string)r["account"]!, (decimal)r["total_value"]!, (decimal)r["total_pnl"]!, (decimal?)r["total_pnl_pct"]))
            .ToList();
        Assert.Equal([("h-late", 0m, 0m, null), ("h-other", 10000m, 0m, 0m), ("h-zero", 0m, 0m, null)], overview);
        Assert.Equal(6L, await db.ScalarAsync<long>("SELECT count(*) FROM paper_portfolio_snapshots WHERE account LIKE 'h-%'"));
        Assert.Null(await db.ScalarAsync<decimal?>("SELECT return_pct FROM v_paper_daily_pnl WHERE account = 'h-late'"));
        Assert.Empty(await db.InvariantViolationsAsync());
    }
}
