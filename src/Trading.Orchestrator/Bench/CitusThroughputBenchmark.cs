using Microsoft.Extensions.Logging;
using Spectre.Console;
using Trading.Data.Citus;
using Trading.Orchestrator.Feeds;

namespace Trading.Orchestrator.Bench;

/// <summary>
/// `trading bench run --citus`: the throughput workload executed by one `trading run` on one server, then the same on a
/// private Citus cluster (a coordinator and two workers on loopback, in a temp folder, migrated and distributed as
/// `trading migrate --citus` does, stopped and removed after). On one machine the three servers share its cores, so
/// this shows that the cluster works and what the coordinator's extra hop costs, not what a real cluster gains.
/// </summary>
public sealed class CitusThroughputBenchmark(string connectionString, ILoggerFactory loggers)
{
    public const int Workers = 2;

    public sealed record Settings(int Decisions, int Accounts, int Symbols, int Workers);

    public sealed record Result(int Decisions, int Accounts, int Symbols, int CitusWorkers, EngineRun.Figures SingleNode, EngineRun.Figures Citus)
    {
        /// <summary>Citus decisions/s as a share of one server's.</summary>
        public decimal CitusToSingleNode => SingleNode.DecisionsPerSecond == 0 ? 0 : Math.Round(Citus.DecisionsPerSecond / SingleNode.DecisionsPerSecond, 2);
    }

    public async Task<Result> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var root = Path.Combine(Path.GetTempPath(), $"trading-bench-citus-{Environment.ProcessId}");
        EngineRun.Figures single = null!, citus = null!;
        try
        {
            await ConsoleProgress.Stderr.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var prepare = ctx.AddTask("one server: insert decisions", maxValue: 1);
                    var singleRun = ctx.AddTask("one server: trading run", maxValue: settings.Decisions);
                    var start = ctx.AddTask($"Citus: start coordinator + {Workers} workers, migrate --citus", maxValue: 1);
                    var prepareCitus = ctx.AddTask("Citus: insert decisions", maxValue: 1);
                    var citusRun = ctx.AddTask("Citus: trading run", maxValue: settings.Decisions);

                    await using (var database = await BenchDatabase.CreateAsync(connectionString, $"bench_engine_{stamp}", migrate: true, cancellationToken))
                    {
                        await EngineRun.PrepareAsync(database, settings.Decisions, settings.Accounts, settings.Symbols, cancellationToken);
                        prepare.Increment(1);
                        single = await EngineRun.RunAsync(database, settings.Decisions, settings.Workers, singleRun, cancellationToken);
                    }

                    await using var cluster = await LocalCitusCluster.StartAsync(root, Workers, loggers.CreateLogger<LocalCitusCluster>(), cancellationToken);
                    await using var distributed = await BenchDatabase.CreateOnCitusAsync(cluster, $"bench_citus_{stamp}", cancellationToken);
                    start.Increment(1);
                    await EngineRun.PrepareAsync(distributed, settings.Decisions, settings.Accounts, settings.Symbols, cancellationToken);
                    prepareCitus.Increment(1);
                    citus = await EngineRun.RunAsync(distributed, settings.Decisions, settings.Workers, citusRun, cancellationToken);
                });
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        return new Result(settings.Decisions, settings.Accounts, settings.Symbols, Workers, single, citus);
    }
}
