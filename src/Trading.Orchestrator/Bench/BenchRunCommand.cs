using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Orchestrator.Hosting;
using Trading.Orchestrator.Cli;
using Trading.Data.Citus;

namespace Trading.Orchestrator.Bench;

/// <summary>`trading bench run`: decisions/s of one `trading run`, beside the database's ceilings from the same run.</summary>
public static class BenchRunCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var decisions = new Option<int>("--decisions") { Description = "Pre-inserted market decisions.", DefaultValueFactory = _ => 200_000 };
        var accounts = new Option<int>("--accounts") { Description = "Accounts.", DefaultValueFactory = _ => 100 };
        var symbols = new Option<int>("--symbols") { Description = "Symbols.", DefaultValueFactory = _ => 10 };
        var workers = new Option<int>("--workers") { Description = "Execution loops (and raw-ceiling sessions).", DefaultValueFactory = _ => 3 };
        var pgbench = new Option<int>("--pgbench-seconds") { Description = "Duration of the pgbench TPC-B run.", DefaultValueFactory = _ => 20 };
        var citus = new Option<bool>("--citus")
        {
            Description = "Run the same workload on one server and on a private Citus cluster (coordinator + 2 workers on loopback, " +
                          "in a temp folder), side by side, instead of the raw SQL and pgbench ceilings. Needs Citus installed beside the server.",
        };
        var output = BenchResults.Output("bench-results-throughput.json");
        var command = new Command("run", "Throughput of one `trading run` over pre-inserted decisions, with the raw SQL and pgbench ceilings (fresh databases, dropped after).")
        {
            decisions, accounts, symbols, workers, pgbench, citus, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(decisions) < 1 || parse.GetValue(accounts) < 1 || parse.GetValue(symbols) < 1 || parse.GetValue(workers) < 1)
            {
                await Console.Error.WriteLineAsync("bench run: --decisions, --accounts, --symbols and --workers must be positive.");
                return ExitCodes.BadArguments;
            }

            var options = CommonOptions.DatabaseOptions(parse, configuration);
            if (parse.GetValue(citus))
            {
                if (LocalCitusCluster.MissingReason(options.EmbeddedBinDirectory) is { } missing)
                {
                    await Console.Error.WriteLineAsync($"bench run --citus: {missing}");
                    return ExitCodes.Failure;
                }

                await using var single = await Database.OpenAsync(options, loggers, cancellationToken);
                return await RunCitusAsync(parse, output, single.ConnectionString, loggers,
                    new CitusThroughputBenchmark.Settings(parse.GetValue(decisions), parse.GetValue(accounts), parse.GetValue(symbols), parse.GetValue(workers)),
                    cancellationToken);
            }

            await using var database = await Database.OpenAsync(options, loggers, cancellationToken);
            var result = await new ThroughputBenchmark(database.ConnectionString).RunAsync(
                new ThroughputBenchmark.Settings(parse.GetValue(decisions), parse.GetValue(accounts), parse.GetValue(symbols),
                    parse.GetValue(workers), parse.GetValue(pgbench)),
                cancellationToken);

            await BenchResults.ReportAsync(parse, output, result,
            [
                ("workload", $"{result.Decisions:N0} market decisions, {result.Accounts} accounts x {result.Symbols} symbols"),
                ("trading run", $"{result.EngineDecisionsPerSecond:N0} decisions/s ({result.EngineWallSeconds} s wall incl. start-up)"),
                ("raw set-based SQL ceiling", $"{result.RawRowsPerSecond:N0} decisions/s"),
                ("ratio to raw", $"{result.RatioToRaw}"),
                ("pgbench TPC-B", result.PgBenchTps is { } t ? $"{t:N0} tps" : "pgbench not installed"),
                ("orchestrator peak RSS / CPU", $"{result.OrchestratorPeakRssMiB} MiB / {result.OrchestratorCpuSeconds} s"),
                ("invariant violations after the run", $"{result.InvariantViolations}"),
            ], cancellationToken);
            return result.InvariantViolations == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static async Task<int> RunCitusAsync(
        ParseResult parse, Option<string> output, string connectionString, ILoggerFactory loggers, CitusThroughputBenchmark.Settings settings,
        CancellationToken cancellationToken)
    {
        var result = await new CitusThroughputBenchmark(connectionString, loggers).RunAsync(settings, cancellationToken);
        var (one, citus) = (result.SingleNode, result.Citus);
        await BenchResults.ReportAsync(parse, output, result, ["measure", "one server", $"Citus (coordinator + {result.CitusWorkers} workers)"],
        [
            ["workload", $"{result.Decisions:N0} market decisions, {result.Accounts} accounts x {result.Symbols} symbols", "the same"],
            ["trading run: decisions/s", $"{one.DecisionsPerSecond:N0}", $"{citus.DecisionsPerSecond:N0} ({result.CitusToSingleNode} x one server)"],
            ["wall time incl. start-up", $"{one.WallSeconds} s", $"{citus.WallSeconds} s"],
            ["orchestrator peak RSS / CPU", $"{one.PeakRssMiB} MiB / {one.CpuSeconds} s", $"{citus.PeakRssMiB} MiB / {citus.CpuSeconds} s"],
            ["invariant violations after the run", $"{one.InvariantViolations}", $"{citus.InvariantViolations}"],
        ], cancellationToken);
        return one.InvariantViolations == 0 && citus.InvariantViolations == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
