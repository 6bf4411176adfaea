using System.Diagnostics;
using Npgsql;

namespace Trading.Orchestrator.Bench;

/// <summary>
/// The read side at scale: one account with a million closed trades and a hundred thousand snapshots, among other
/// accounts holding ten million snapshots in all; each view is timed for that one account (median of several runs).
/// </summary>
public static class ViewsBenchmark
{
    public sealed record Timing(string View, decimal MedianMs, decimal MaxMs);

    public static readonly string[] Queries =
    [
        "SELECT * FROM v_paper_portfolio_overview WHERE account = 'whale'",
        "SELECT * FROM v_paper_performance_metrics WHERE account = 'whale'",
        "SELECT * FROM v_paper_open_positions WHERE account = 'whale'",
        "SELECT * FROM v_paper_recent_trades WHERE account = 'whale' LIMIT 20",
        "SELECT * FROM v_paper_daily_pnl WHERE account = 'whale'",
    ];

    public static string LoadSql(int trades, int snapshots, int accounts) => $"""
        INSERT INTO accounts (account, initial_capital, cash, allow_shorting)
        SELECT CASE WHEN g = 1 THEN 'whale' ELSE 'minnow-' || g END, 100000, 100000, true FROM generate_series(1, {accounts}) g;
        INSERT INTO market_prices (time, symbol, bid, ask) VALUES
            (now(), 'BTC/USDT', 64999.99, 65000.01), (now(), 'ETH/USDT', 3199.99, 3200.01), (now(), 'SOL/USDT', 149.99, 150.01);
        INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, entry_fees, opened_at, updated_at) VALUES
            ('whale', 'BTC/USDT', 'long', 0.5, 32000, 32, now() - interval '2 days', now()),
            ('whale', 'ETH/USDT', 'short', 3, 9900, 9.9, now() - interval '1 day', now());
        INSERT INTO paper_trades (account, symbol, side, quantity, entry_price, exit_price, entry_cost, exit_notional, entry_time,
                                  exit_time, realized_pnl, entry_fees, exit_fees, net_pnl, close_order_id)
        SELECT 'whale', 'BTC/USDT', CASE WHEN g % 2 = 0 THEN 'long' ELSE 'short' END, 0.01, 65000, 65000 + (g % 200) - 100,
               650, 650 + ((g % 200) - 100) * 0.01, now() - make_interval(secs => ({trades} - g) * 30) - interval '1 hour',
               now() - make_interval(secs => ({trades} - g) * 30), ((g % 200) - 100) * 0.01, 0.65, 0.65,
               ((g % 200) - 100) * 0.01 - 1.3, g
        FROM generate_series(1, {trades}) g;
        INSERT INTO paper_portfolio_snapshots (time, account, cash, positions_value, total_value, gross_exposure, unrealized_pnl,
                                               realized_pnl, total_pnl, total_pnl_pct, num_positions)
        SELECT now() - make_interval(secs => (s * 60)), CASE WHEN a = 1 THEN 'whale' ELSE 'minnow-' || a END, 100000, 0,
               100000 + 500 * sin(s / 300.0) + a, 0, 0, 0, 500 * sin(s / 300.0), 0, 0
        FROM generate_series(1, {accounts}) a, generate_series(1, {snapshots / accounts}) s;
        -- Loaded history reaches the read-side aggregates through the rebuild path, as any import does.
        SELECT refresh_account_stats();
        ANALYZE;
        """;

    public static async Task<IReadOnlyList<Timing>> TimeAsync(NpgsqlDataSource dataSource, int runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var timings = new List<Timing>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var sql in Queries)
        {
            var samples = new List<decimal>();
            for (var i = 0; i < runs + 1; i++)
            {
                await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
                var started = Stopwatch.GetTimestamp();
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                    }
                }

                if (i > 0)
                {
                    samples.Add((decimal)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            samples.Sort();
            var view = sql.Split(' ')[3];
            timings.Add(new Timing(view, Math.Round(samples[samples.Count / 2], 2), Math.Round(samples[^1], 2)));
        }

        return timings;
    }
}
