using System.Diagnostics;
using Npgsql;
using Spectre.Console;
using Trading.Orchestrator.Feeds;

namespace Trading.Orchestrator.Bench;

/// <summary>
/// Steady offered load: concurrent clients INSERT decisions at a fixed total rate while one `trading run` child
/// executes them. Latency is INSERT → executed on the database clock (processed_at − created_at), which includes
/// the inserting transaction's own commit, so it can only overstate what an agent sees.
/// </summary>
public sealed class LatencyBenchmark(NpgsqlDataSource dataSource, string connectionString)
{
    public sealed record Settings(int Rate, TimeSpan Duration, int Clients, int Accounts, int Workers);

    public sealed record Result(
        int Rate, int Seconds, int Clients, long Decisions, long Executed, decimal P50Ms, decimal P95Ms, decimal P99Ms,
        decimal MaxMs, decimal OrchestratorPeakRssMiB, decimal OrchestratorCpuSeconds, long Fills, long FillsBeforeDecision, long FillsAtSupersededQuote);

    private const string Symbol = "BENCH/USDT";

    public async Task<Result> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var run = $"lat-{DateTime.UtcNow:yyyyMMddHHmmss}";
        await SetUpAsync(settings.Accounts, cancellationToken);

        using var quotesStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var quotes = PublishQuotesAsync(quotesStop.Token);
        await using var orchestrator = ChildOrchestrator.Start(connectionString, new Dictionary<string, string>
        {
            ["Orchestrator__Workers"] = settings.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orchestrator__MigrateOnStart"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);

        // Warm-up (not measured), then the measured window.
        await OfferLoadAsync(settings, run + "-warmup", TimeSpan.FromSeconds(2), null, cancellationToken);
        long sent = 0;
        await ConsoleProgress.Stderr.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"{settings.Rate}/s for {settings.Duration.TotalSeconds:F0} s", maxValue: settings.Duration.TotalSeconds);
                sent = await OfferLoadAsync(settings, run, settings.Duration, task, cancellationToken);
            });
        await WaitForCompletionAsync(run, cancellationToken);
        var peak = orchestrator.PeakRssMiB();
        var cpu = orchestrator.CpuSeconds();
        await quotesStop.CancelAsync();
        await quotes;

        var (fills, early, superseded) = await FillTimingAsync(run, cancellationToken);
        await using var stats = dataSource.CreateCommand("""
            SELECT count(*), count(*) FILTER (WHERE status = 'executed'),
                   percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM processed_at - created_at) * 1000),
                   max(EXTRACT(EPOCH FROM processed_at - created_at) * 1000)
            FROM trading_decisions WHERE strategy = $1
            """);
        stats.Parameters.Add(new NpgsqlParameter { Value = run });
        await using var reader = await stats.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var percentiles = reader.GetFieldValue<double[]>(2);
        return new Result(settings.Rate, (int)settings.Duration.TotalSeconds, settings.Clients, reader.GetInt64(0), reader.GetInt64(1),
            Ms(percentiles[0]), Ms(percentiles[1]), Ms(percentiles[2]), Math.Round(reader.GetDecimal(3), 2), peak, cpu, fills, early, superseded);
    }

    // The right quote (issue 15): fills stamped before their decision, and fills at a quote already superseded when the
    // decision was made. The bench's quotes are committed as they are stamped, so the second is exact here.
    private async Task<(long Fills, long BeforeDecision, long AtSupersededQuote)> FillTimingAsync(string run, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*),
                   count(*) FILTER (WHERE f.filled_at < d.created_at),
                   count(*) FILTER (WHERE f.quote_time < (SELECT max(m.time) FROM market_prices m WHERE m.symbol = f.symbol AND m.time <= d.created_at))
            FROM trading_decisions d JOIN paper_fills f ON f.order_id = d.order_id
            WHERE d.strategy = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = run });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static decimal Ms(double value) => Math.Round((decimal)value, 2);

    private async Task SetUpAsync(int accounts, CancellationToken cancellationToken)
    {
        await using (var instrument = dataSource.CreateCommand(
            "INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES ('BENCH/USDT', 0.01, 0.001, 0) ON CONFLICT DO NOTHING"))
        {
            await instrument.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO accounts (account, initial_capital, cash, allow_shorting, min_fee)
            SELECT 'bench-lat-' || g, 1000000000, 1000000000, true, 0 FROM generate_series(1, $1) g
            ON CONFLICT DO NOTHING;
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = accounts });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task PublishQuotesAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            var step = 0;
            do
            {
                var mid = 100m + (step++ % 50) / 10m;
                await using var insert = dataSource.CreateCommand(
                    "INSERT INTO market_prices (time, symbol, bid, ask) VALUES (clock_timestamp(), $1, $2, $3) ON CONFLICT DO NOTHING");
                insert.Parameters.Add(new NpgsqlParameter { Value = Symbol });
                insert.Parameters.Add(new NpgsqlParameter { Value = mid - 0.01m });
                insert.Parameters.Add(new NpgsqlParameter { Value = mid + 0.01m });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // Stopped at the end of the run.
        }
    }

    /// <summary>Each client inserts on its own schedule (rate / clients per second), one autocommit INSERT each.</summary>
    private async Task<long> OfferLoadAsync(Settings settings, string run, TimeSpan duration, ProgressTask? progress, CancellationToken cancellationToken)
    {
        long sent = 0;
        var started = Stopwatch.GetTimestamp();
        var interval = TimeSpan.FromSeconds((double)settings.Clients / settings.Rate);
        var clients = Enumerable.Range(0, settings.Clients).Select(async client =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await Task.Delay(interval / settings.Clients * client, cancellationToken);
            using var timer = new PeriodicTimer(interval);
            for (var i = 0; Stopwatch.GetElapsedTime(started) < duration; i++)
            {
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity, strategy) VALUES ($1, $2, $3, 0.9, 0.01, $4)",
                    connection);
                insert.Parameters.Add(new NpgsqlParameter { Value = $"bench-lat-{1 + ((client + (i * settings.Clients)) % settings.Accounts)}" });
                insert.Parameters.Add(new NpgsqlParameter { Value = Symbol });
                insert.Parameters.Add(new NpgsqlParameter { Value = i % 2 == 0 ? "BUY" : "SELL" });
                insert.Parameters.Add(new NpgsqlParameter { Value = run });
                await insert.ExecuteNonQueryAsync(cancellationToken);
                Interlocked.Increment(ref sent);
                if (client == 0)
                {
                    progress?.Value(Math.Min(duration.TotalSeconds, Stopwatch.GetElapsedTime(started).TotalSeconds));
                }

                await timer.WaitForNextTickAsync(cancellationToken);
            }
        });
        await Task.WhenAll(clients);
        progress?.Value(duration.TotalSeconds);
        return sent;
    }

    private async Task WaitForCompletionAsync(string run, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromMinutes(2))
        {
            await using var pending = dataSource.CreateCommand("SELECT count(*) FROM trading_decisions WHERE strategy = $1 AND status = 'pending'");
            pending.Parameters.Add(new NpgsqlParameter { Value = run });
            if ((long)(await pending.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("Decisions were still pending two minutes after the load stopped.");
    }
}
