using Trading.Testing;

namespace Trading.Data.Tests.Views;

/// <summary>The views against a hand-computed account (see PortfolioFixture.sql for the arithmetic).</summary>
public sealed class ViewFigureTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly string FixtureSql = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Views", "PortfolioFixture.sql"));

    public async Task InitializeAsync()
    {
        if (await fixture.Database.ScalarAsync<int>("SELECT count(*) FROM accounts WHERE account = 'acme'") == 0)
        {
            await fixture.Database.ExecuteAsync(FixtureSql);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PortfolioOverview_LongShortAndClosedTrade_ValueIsCashPlusSignedMarks()
    {
        var row = (await fixture.Database.QueryAsync("SELECT * FROM v_paper_portfolio_overview WHERE account = 'acme'")).Single();

        Assert.Equal(9088.9m, (decimal)row["cash"]!);
        Assert.Equal(1300.1m, (decimal)row["positions_value"]!);
        Assert.Equal(10389.0m, (decimal)row["total_value"]!);
        Assert.Equal(8900.1m, (decimal)row["gross_exposure"]!);
        Assert.Equal(300.1m, (decimal)row["unrealized_pnl"]!);
        Assert.Equal(97.9m, (decimal)row["realized_pnl"]!);
        Assert.Equal(389.0m, (decimal)row["total_pnl"]!);
        Assert.Equal(3.89m, (decimal)row["total_pnl_pct"]!);
        Assert.Equal(2L, (long)row["num_positions"]!);
    }

    [Fact]
    public async Task OpenPositions_LongAndShort_SignedValuesAndUnrealisedPnl()
    {
        var rows = (await fixture.Database.QueryAsync("SELECT * FROM v_paper_open_positions WHERE account = 'acme' ORDER BY symbol"))
            .ToDictionary(r => (string)r["symbol"]!);

        Assert.Equal(50000m, (decimal)rows["BTC/USDT"]["entry_price"]!);
        Assert.Equal(51001m, (decimal)rows["BTC/USDT"]["current_price"]!);
        Assert.Equal(5100.1m, (decimal)rows["BTC/USDT"]["position_value"]!);
        Assert.Equal(100.1m, (decimal)rows["BTC/USDT"]["unrealized_pnl"]!);
        Assert.Equal(95.1m, (decimal)rows["BTC/USDT"]["unrealized_net_pnl"]!);
        Assert.Equal(-3800m, (decimal)rows["ETH/USDT"]["position_value"]!);
        Assert.Equal(200m, (decimal)rows["ETH/USDT"]["unrealized_pnl"]!);
        Assert.Equal(5m, (decimal)rows["ETH/USDT"]["unrealized_pnl_pct"]!);
        Assert.Equal(196m, (decimal)rows["ETH/USDT"]["unrealized_net_pnl"]!);
    }

    [Fact]
    public async Task RecentTrades_ClosedTrade_WinCountedOnNetPnl()
    {
        var row = (await fixture.Database.QueryAsync("SELECT * FROM v_paper_recent_trades WHERE account = 'acme'")).Single();

        Assert.Equal(100m, (decimal)row["realized_pnl"]!);
        Assert.Equal(2.1m, (decimal)row["fees"]!);
        Assert.Equal(97.9m, (decimal)row["net_pnl"]!);
        Assert.Equal(9.79m, (decimal)row["return_pct"]!);
        Assert.Equal("win", row["outcome"]);
        Assert.Equal(TimeSpan.FromDays(1), (TimeSpan)row["hold_duration"]!);
    }

    [Fact]
    public async Task PerformanceMetrics_DailyReturns_SharpeSortinoAndDrawdownAsDocumented()
    {
        var row = (await fixture.Database.QueryAsync("SELECT * FROM v_paper_performance_metrics WHERE account = 'acme'")).Single();

        Assert.Equal(1L, (long)row["total_trades"]!);
        Assert.Equal(100.00m, (decimal)row["win_rate"]!);
        Assert.Equal(97.9m, (decimal)row["total_pnl"]!);
        Assert.Null(row["profit_factor"]);
        // Returns +2 %, +1 %, -1 %: mean 0.00666.., sample stddev 0.015275..; x sqrt(365).
        Assert.Equal(8.3381m, (decimal)row["sharpe_ratio"]!);
        Assert.Equal(22.0605m, (decimal)row["sortino_ratio"]!);
        Assert.Equal(-1.0000m, (decimal)row["max_drawdown_pct"]!);
        Assert.Equal(-103.02m, (decimal)row["max_drawdown"]!);
    }

    [Fact]
    public async Task DailyPnl_ThreeDays_ChangeFromPreviousClose()
    {
        var rows = await fixture.Database.QueryAsync("SELECT * FROM v_paper_daily_pnl WHERE account = 'acme' ORDER BY day");

        Assert.Equal([200m, 102m, -103.02m], rows.Select(r => (decimal)r["pnl"]!));
        Assert.Equal([2.0000m, 1.0000m, -1.0000m], rows.Select(r => (decimal)r["return_pct"]!));
        Assert.Equal(10000m, (decimal)rows[0]["opening_value"]!);
    }

    [Fact]
    public async Task EquityCurve_AfterPeak_DrawdownFromRunningPeak()
    {
        var rows = await fixture.Database.QueryAsync("SELECT * FROM v_paper_equity_curve WHERE account = 'acme' ORDER BY time");

        Assert.Equal([10100m, 10200m, 10302m, 10302m], rows.Select(r => (decimal)r["peak_value"]!));
        Assert.Equal([0m, 0m, 0m, -103.02m], rows.Select(r => (decimal)r["drawdown"]!));
    }

    [Fact]
    public async Task Invariants_HandComputedAccount_NoViolation()
    {
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task Invariants_CashNotMatchingLedger_Reported()
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var corrupt = new Npgsql.NpgsqlCommand("UPDATE accounts SET cash = cash + 0.01 WHERE account = 'acme'", connection, transaction))
        {
            await corrupt.ExecuteNonQueryAsync();
        }

        await using var check = new Npgsql.NpgsqlCommand("SELECT invariant FROM invariants('acme') ORDER BY 1", connection, transaction);
        var violations = new List<string>();
        await using (var reader = await check.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                violations.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["cash", "pnl"], violations);
    }

    /// <summary>The seed document's monitoring queries, verbatim.</summary>
    [Theory]
    [InlineData("SELECT * FROM v_paper_portfolio_overview;")]
    [InlineData("SELECT * FROM v_paper_open_positions;")]
    [InlineData("SELECT * FROM v_paper_recent_trades LIMIT 10;")]
    [InlineData("SELECT * FROM v_paper_performance_metrics;")]
    [InlineData("SELECT * FROM get_portfolio_value();")]
    [InlineData("SELECT * FROM paper_trading_config;")]
    [InlineData("""
        SELECT
            time,
            total_value,
            total_pnl,
            total_pnl_pct,
            num_positions
        FROM paper_portfolio_snapshots
        WHERE time >= NOW() - INTERVAL '7 days'
        ORDER BY time DESC;
        """)]
    [InlineData("""
        SELECT
            symbol,
            COUNT(*) as trades,
            SUM(CASE WHEN realized_pnl > 0 THEN 1 ELSE 0 END) as wins,
            ROUND(AVG(CASE WHEN realized_pnl > 0 THEN 1.0 ELSE 0.0 END) * 100, 1) as win_rate_pct,
            ROUND(AVG(realized_pnl), 2) as avg_pnl
        FROM paper_trades
        WHERE exit_time >= NOW() - INTERVAL '30 days'
        GROUP BY symbol
        ORDER BY trades DESC;
        """)]
    [InlineData("""
        INSERT INTO trading_decisions (
            symbol, decision, confidence, reasoning, current_price
        ) VALUES (
            'BTC/USDT', 'BUY', 0.75, 'Strong upward momentum', 110500
        );
        """)]
    public async Task SeedQuery_Verbatim_Runs(string sql)
    {
        await fixture.Database.QueryAsync(sql);
    }
}
