using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Spectre.Console;
using Trading.Data.Execution;
using Trading.Orchestrator.Feeds;

namespace Trading.Orchestrator.Bench;

/// <summary>
/// Working orders under a moving market, against one `trading run` child. Every account places resting limits on both
/// sides, away from the market; then quotes arrive one at a time and each is timed from its INSERT's commit until every
/// working order has been matched against it (its own evaluated_through or its (account, symbol) mark reached the quote). A last pair of quotes crosses every
/// limit, timed until all are filled. Accounts and the symbol are the run's own; the invariants are checked after.
/// </summary>
public sealed class OrdersBenchmark(NpgsqlDataSource dataSource, string connectionString)
{
    public sealed record Settings(int Accounts, int OrdersPerAccount, int Rounds, int Workers);

    public sealed record Result(
        int Accounts, int WorkingOrders, int Rounds, decimal P50Ms, decimal P95Ms, decimal P99Ms, decimal MaxMs,
        decimal OrderEvaluationsPerSecond, long OrderRowsRewritten, long MarkRowsWritten, int CrossFills, decimal CrossMs,
        decimal CrossFillsPerSecond, long InvariantViolations, decimal OrchestratorPeakRssMiB, decimal OrchestratorCpuSeconds);

    // Row writes as the statistics count them (flushed by each backend within a second or so of its transactions).
    private const string RowWritesSql = """
        SELECT COALESCE(sum(n_tup_upd) FILTER (WHERE relname = 'paper_orders'), 0)::bigint,
               COALESCE(sum(n_tup_ins + n_tup_upd) FILTER (WHERE relname = 'paper_order_marks'), 0)::bigint
        FROM pg_stat_user_tables WHERE relname IN ('paper_orders', 'paper_order_marks')
        """;

    private static readonly string WorkingCountSql = $"""
        SELECT count(*) FROM paper_orders o
        LEFT JOIN paper_order_marks m ON m.account = o.account AND m.symbol = o.symbol
        WHERE o.account LIKE $1 AND o.status IN {SqlText.WorkingOrderStatuses} AND GREATEST(o.evaluated_through, m.evaluated_through) < $2
        """;

    public async Task<Result> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var run = $"bo{DateTime.UtcNow:HHmmss}";
        var symbol = $"{run.ToUpperInvariant()}/USDT";
        var accounts = $"{run}-%";
        await ExecuteAsync($"""
            INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES ('{symbol}', 0.01, 0.001, 0);
            INSERT INTO accounts (account, initial_capital, cash, allow_shorting, min_fee, slippage_model)
            SELECT '{run}-' || g, 1000000000, 1000000000, true, 0, 'none' FROM generate_series(1, {settings.Accounts}) g;
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (clock_timestamp(), '{symbol}', 99.99, 100.01);
            """, cancellationToken);

        await using var orchestrator = ChildOrchestrator.Start(connectionString, new Dictionary<string, string>
        {
            ["Orchestrator__Workers"] = settings.Workers.ToString(CultureInfo.InvariantCulture),
            ["Orchestrator__MigrateOnStart"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        });

        // Half buys below the market, half sells above it: all rest.
        await ExecuteAsync($"""
            INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity, order_type, limit_price, strategy)
            SELECT '{run}-' || a, '{symbol}', CASE WHEN o % 2 = 0 THEN 'BUY' ELSE 'SELL' END, 0.9, 0.01, 'limit',
                   CASE WHEN o % 2 = 0 THEN 90 - o * 0.01 ELSE 110 + o * 0.01 END, '{run}'
            FROM generate_series(1, {settings.Accounts}) a CROSS JOIN generate_series(1, {settings.OrdersPerAccount}) o
            """, cancellationToken);
        await WaitAsync($"SELECT count(*) FROM trading_decisions WHERE strategy = '{run}' AND status = 'pending'", TimeSpan.FromMinutes(5), cancellationToken);
        var working = (int)await ScalarAsync($"SELECT count(*) FROM v_paper_open_orders WHERE account LIKE '{accounts}'", cancellationToken);

        var writesBefore = await RowWritesAsync(cancellationToken);
        var latencies = new List<double>(settings.Rounds);
        await ConsoleProgress.Stderr.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"{settings.Rounds} quotes x {working} working orders", maxValue: settings.Rounds);
                for (var round = 0; round < settings.Rounds; round++)
                {
                    var mid = 100m + (round % 20 - 10) / 10m;
                    latencies.Add(await TimeQuoteAsync(symbol, mid - 0.01m, mid + 0.01m, WorkingCountSql, accounts, cancellationToken));
                    task.Increment(1);
                }
            });

        var writesAfter = await RowWritesAsync(cancellationToken);

        // Crossing quotes: every buy limit (<= 90) fills on an ask of 80.01, then every sell limit (>= 110) on a bid of 119.99.
        var cross = Stopwatch.StartNew();
        await ExecuteAsync($"INSERT INTO market_prices (time, symbol, bid, ask) VALUES (clock_timestamp(), '{symbol}', 79.99, 80.01)", cancellationToken);
        await ExecuteAsync($"INSERT INTO market_prices (time, symbol, bid, ask) VALUES (clock_timestamp() + interval '1 microsecond', '{symbol}', 119.99, 120.01)", cancellationToken);
        await WaitAsync($"SELECT count(*) FROM v_paper_open_orders WHERE account LIKE '{accounts}'", TimeSpan.FromMinutes(5), cancellationToken);
        var crossMs = (decimal)cross.Elapsed.TotalMilliseconds;
        var fills = (int)await ScalarAsync($"SELECT count(*) FROM paper_fills WHERE account LIKE '{accounts}'", cancellationToken);
        var violations = await ScalarAsync($"SELECT count(*) FROM invariants() WHERE account LIKE '{accounts}'", cancellationToken);
        var peak = orchestrator.PeakRssMiB();
        var cpu = orchestrator.CpuSeconds();

        latencies.Sort();
        var p50 = Percentile(latencies, 0.50);
        return new Result(
            settings.Accounts, working, settings.Rounds, Ms(p50), Ms(Percentile(latencies, 0.95)), Ms(Percentile(latencies, 0.99)),
            Ms(latencies[^1]), Math.Round(working / (decimal)Math.Max(p50, 0.001) * 1000m, 0), writesAfter.Orders - writesBefore.Orders,
            writesAfter.Marks - writesBefore.Marks, fills, Math.Round(crossMs, 1),
            Math.Round(fills / Math.Max(crossMs, 0.001m) * 1000m, 0), violations, peak, cpu);
    }

    /// <summary>Inserts one quote and returns the milliseconds until no working order is left behind it.</summary>
    private async Task<double> TimeQuoteAsync(string symbol, decimal bid, decimal ask, string behindSql, string accounts, CancellationToken cancellationToken)
    {
        await using var insert = dataSource.CreateCommand("INSERT INTO market_prices (time, symbol, bid, ask) VALUES (clock_timestamp(), $1, $2, $3) RETURNING time");
        insert.Parameters.Add(new NpgsqlParameter { Value = symbol });
        insert.Parameters.Add(new NpgsqlParameter { Value = bid });
        insert.Parameters.Add(new NpgsqlParameter { Value = ask });
        var time = (DateTime)(await insert.ExecuteScalarAsync(cancellationToken))!;
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var behind = new NpgsqlCommand(behindSql, connection);
        behind.Parameters.Add(new NpgsqlParameter { Value = accounts });
        behind.Parameters.Add(new NpgsqlParameter { Value = time });
        while ((long)(await behind.ExecuteScalarAsync(cancellationToken))! > 0)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException("Working orders were not matched against a quote within a minute.");
            }

            await Task.Delay(5, cancellationToken); // a gentle poll: the bench must not compete with what it measures
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private async Task<(long Orders, long Marks)> RowWritesAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        await using var command = dataSource.CreateCommand(RowWritesSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task WaitAsync(string countSql, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (await ScalarAsync(countSql, cancellationToken) > 0)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Still waiting after {timeout}: {countSql}");
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    private static decimal Ms(double value) => Math.Round((decimal)value, 2);
}
