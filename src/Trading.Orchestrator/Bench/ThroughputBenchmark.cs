using Spectre.Console;
using Trading.Orchestrator.Feeds;

namespace Trading.Orchestrator.Bench;

/// <summary>
/// Throughput: N pre-inserted market decisions executed by one `trading run` child, beside the raw set-based ceiling
/// for the same writes and pgbench's TPC-B, each in a fresh database on the same server, in the same run.
/// </summary>
public sealed class ThroughputBenchmark(string connectionString)
{
    public sealed record Settings(int Decisions, int Accounts, int Symbols, int Workers, int PgBenchSeconds);

    public sealed record Result(
        int Decisions, int Accounts, int Symbols, decimal EngineDecisionsPerSecond, decimal EngineWallSeconds, decimal RawRowsPerSecond,
        decimal? PgBenchTps, decimal RatioToRaw, decimal OrchestratorPeakRssMiB, decimal OrchestratorCpuSeconds, long InvariantViolations);

    public async Task<Result> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        EngineRun.Figures run = null!;
        decimal rawRate = 0;
        decimal? tps = null;

        await ConsoleProgress.Stderr.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var prepare = ctx.AddTask("insert decisions (x2)", maxValue: 2);
                var engine = ctx.AddTask("trading run", maxValue: settings.Decisions);
                var raw = ctx.AddTask("raw SQL ceiling", maxValue: settings.Decisions);
                var bench = ctx.AddTask("pgbench TPC-B", maxValue: 1);

                await using var engineDb = await BenchDatabase.CreateAsync(connectionString, $"bench_engine_{stamp}", migrate: true, cancellationToken);
                await using var rawDb = await BenchDatabase.CreateAsync(connectionString, $"bench_raw_{stamp}", migrate: true, cancellationToken);
                foreach (var db in new[] { engineDb, rawDb })
                {
                    await EngineRun.PrepareAsync(db, settings.Decisions, settings.Accounts, settings.Symbols, cancellationToken);
                    prepare.Increment(1);
                }

                run = await EngineRun.RunAsync(engineDb, settings.Decisions, settings.Workers, engine, cancellationToken);

                var accounts = Enumerable.Range(1, settings.Accounts).Select(i => $"bench-{i:D4}").ToList();
                rawRate = await RawCeiling.RunAsync(rawDb.DataSource, accounts, 500, settings.Workers, done => raw.Value(done), cancellationToken);
                raw.Value(settings.Decisions);

                await using (var pgbenchDb = await BenchDatabase.CreateAsync(connectionString, $"bench_pgbench_{stamp}", migrate: false, cancellationToken))
                {
                    tps = await PgBench.RunAsync(pgbenchDb.ConnectionString, 4, settings.PgBenchSeconds, cancellationToken);
                }

                bench.Increment(1);
            });

        return new Result(settings.Decisions, settings.Accounts, settings.Symbols, run.DecisionsPerSecond, run.WallSeconds, rawRate, tps,
            rawRate == 0 ? 0 : Math.Round(run.DecisionsPerSecond / rawRate, 2), run.PeakRssMiB, run.CpuSeconds, run.InvariantViolations);
    }
}
