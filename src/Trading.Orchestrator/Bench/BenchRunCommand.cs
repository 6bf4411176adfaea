using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Orchestrator.Hosting;
using Trading.Orchestrator.Cli;

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
        var output = BenchResults.Output("bench-results-throughput.json");
        var command = new Command("run", "Throughput of one `trading run` over pre-inserted decisions, with the raw SQL and pgbench ceilings (fresh databases, dropped after).")
        {
            decisions, accounts, symbols, workers, pgbench, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(decisions) < 1 || parse.GetValue(accounts) < 1 || parse.GetValue(symbols) < 1 || parse.GetValue(workers) < 1)
            {
                await Console.Error.WriteLineAsync("bench run: --decisions, --accounts, --symbols and --workers must be positive.");
                return ExitCodes.BadArguments;
            }

            await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, configuration), loggers, cancellationToken);
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
}
